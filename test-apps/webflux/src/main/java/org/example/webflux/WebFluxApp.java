package org.example.webflux;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Spring WebFlux on Reactor Netty: annotated routes ({@link OwnersController}) and functional ones ({@code /pets/...}),
 * one of each reading H2 over JDBC on {@code boundedElastic} (publishOn, subscribeOn). Prints "READY <port>".
 */
@SpringBootApplication
public class WebFluxApp {
  static final String DB = "jdbc:h2:mem:webflux;DB_CLOSE_DELAY=-1";

  public static void main(String[] args) throws SQLException {
    try (Connection c = DriverManager.getConnection(DB); Statement s = c.createStatement()) {
      s.execute("create table pets(id int primary key, name varchar(40))");
      s.execute("insert into pets values (1, 'rex'), (2, 'tom')");
    }
    SpringApplication.run(WebFluxApp.class, args);
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    System.out.println("READY " + env.getProperty("local.server.port"));
  }

  @Bean
  RouterFunction<ServerResponse> pets() {
    return route(GET("/pets/{name}"), req -> ServerResponse.ok().bodyValue("pet " + req.pathVariable("name")))
        .andRoute(GET("/pets/{id}/db"), req -> Mono.fromCallable(() -> name(Integer.parseInt(req.pathVariable("id"))))
            .subscribeOn(Schedulers.boundedElastic()).flatMap(n -> ServerResponse.ok().bodyValue(n)));
  }

  /** A blocking JDBC read, as a reactive app wraps one: on boundedElastic. */
  static String name(int id) throws SQLException {
    try (Connection c = DriverManager.getConnection(DB);
        PreparedStatement s = c.prepareStatement("select name from pets where id = ?")) {
      s.setInt(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : "none";
      }
    }
  }
}
