package org.example.webflux;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Annotated routes: a plain one, one reading JDBC after publishOn, one calling this server back over WebClient and
 * reading JDBC where the response arrives (the client's event loop, no scheduler), a failing signal, a throw, a slow one.
 */
@RestController
public class OwnersController {
  private static final Logger LOG = LoggerFactory.getLogger(OwnersController.class);
  private final WebClient client = WebClient.create();

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

  @GetMapping("/owners/{id}/remote")
  public Mono<String> remote(@PathVariable("id") int id, ServerHttpRequest request) {
    String self = "http://127.0.0.1:" + request.getLocalAddress().getPort();
    return client.get().uri(self + "/owners/{id}", id).retrieve().bodyToMono(String.class)
        .flatMap(owner -> Mono.fromCallable(() -> {
          String pet = WebFluxApp.name(id);
          LOG.info("remote {} has {}", owner, pet);
          return owner + " has " + pet;
        }));
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
