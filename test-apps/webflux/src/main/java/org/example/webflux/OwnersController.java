package org.example.webflux;

import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Annotated routes: a plain one, one reading JDBC after publishOn, a failing signal, a throw, a slow one. */
@RestController
public class OwnersController {
  @GetMapping("/owners/{id}")
  public Mono<String> owner(@PathVariable("id") int id) {
    return Mono.just("owner " + id);
  }

  @GetMapping("/owners/{id}/pet")
  public Mono<String> pet(@PathVariable("id") int id) {
    return Mono.just(id).publishOn(Schedulers.boundedElastic()).map(i -> {
      try {
        return WebFluxApp.name(i);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @GetMapping("/fail")
  public Mono<String> fail() {
    return Mono.error(new IllegalStateException("failed signal"));
  }

  @GetMapping("/throw")
  public Mono<String> raise() {
    throw new IllegalArgumentException("thrown");
  }

  @GetMapping("/slow")
  public Mono<String> slow() {
    return Mono.delay(Duration.ofSeconds(30)).map(x -> "late");
  }
}
