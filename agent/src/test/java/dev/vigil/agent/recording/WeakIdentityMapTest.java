package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {
  /** Equal but distinct keys: the map must tell them apart. */
  private static final class Key {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  @Test
  void findsByIdentity() {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>(10);
    Key a = new Key();
    Key b = new Key();
    map.put(a, "a");
    assertThat(map.get(a)).isEqualTo("a");
    assertThat(map.get(b)).isNull();
  }

  @Test
  void dropsPutsAtTheCap() {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>(2);
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      keys.add(new Object());
      map.put(keys.get(i), "v" + i);
    }
    assertThat(map.size()).isEqualTo(2);
    assertThat(map.dropped()).isEqualTo(1);
    assertThat(map.get(keys.get(2))).isNull();
  }

  @Test
  void neverKeepsAKeyAlive() throws Exception {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>(100);
    Object key = new Object();
    WeakReference<Object> ref = new WeakReference<>(key);
    map.put(key, "value");
    map.get(key);
    key = null;
    for (int i = 0; i < 50 && (ref.get() != null || map.size() > 0); i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(ref.get()).isNull();
    assertThat(map.size()).isZero();
  }
}
