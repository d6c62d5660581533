package dev.vigil.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Strings encode as String.getBytes does; a nested message of any length gets its minimal length prefix. */
class ProtoBufferTest {
  @Test
  void stringsAreUtf8AsTheJdkEncodesThem() throws Exception {
    Random random = new Random(11);
    char[] pool = {'a', 'Z', '0', ' ', 'é', 'ß', '€', '中', '\uD83D', '\uDE00', '\uD800', '\uDFFF', '\u007F', '\u0080',
        '\u07FF', '\u0800', '\uFFFF'};
    ProtoBuffer b = new ProtoBuffer(16);
    for (int i = 0; i < 2000; i++) {
      char[] chars = new char[random.nextInt(40)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = pool[random.nextInt(pool.length)];
      }
      String s = new String(chars);
      b.reset();
      b.string(1, s, Integer.MAX_VALUE);
      CodedInputStream in = CodedInputStream.newInstance(b.toByteArray());
      assertThat(in.readTag()).isEqualTo((1 << 3) | 2);
      assertThat(in.readByteArray()).as("%s", s).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
      assertThat(in.isAtEnd()).isTrue();
    }
  }

  @Test
  void nestedMessagesOfEveryLengthClass() throws Exception {
    for (int length : new int[] {0, 1, 127, 128, 129, 16_383, 16_384, 16_385, 2_097_152}) {
      ProtoBuffer b = new ProtoBuffer(8);
      int outer = b.begin(2);
      int inner = b.begin(3);
      b.string(1, "x".repeat(length), Integer.MAX_VALUE);
      b.end(inner);
      b.fixed64(4, 42);
      b.end(outer);
      CodedInputStream in = CodedInputStream.newInstance(b.toByteArray());
      in.setSizeLimit(Integer.MAX_VALUE);
      assertThat(in.readTag()).isEqualTo((2 << 3) | 2);
      CodedInputStream outerMessage = in.readBytes().newCodedInput();
      outerMessage.setSizeLimit(Integer.MAX_VALUE);
      assertThat(in.isAtEnd()).isTrue();
      assertThat(outerMessage.readTag()).isEqualTo((3 << 3) | 2);
      CodedInputStream innerMessage = outerMessage.readBytes().newCodedInput();
      innerMessage.setSizeLimit(Integer.MAX_VALUE);
      assertThat(innerMessage.readTag()).isEqualTo((1 << 3) | 2);
      assertThat(innerMessage.readString()).hasSize(length);
      assertThat(outerMessage.readTag()).isEqualTo((4 << 3) | 1);
      assertThat(outerMessage.readFixed64()).isEqualTo(42);
      assertThat(outerMessage.isAtEnd()).isTrue();
    }
  }
}
