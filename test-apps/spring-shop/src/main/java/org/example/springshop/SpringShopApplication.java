package org.example.springshop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * A small Spring Boot shop (Spring MVC on embedded Tomcat), run as its executable jar with the agent by the ITs. Prints
 * {@code READY <port>} once the server listens (server.port=0).
 */
@SpringBootApplication
public class SpringShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(SpringShopApplication.class, args);
  }

  @Bean
  ApplicationListener<WebServerInitializedEvent> printReady() {
    return event -> {
      System.out.println("READY " + event.getWebServer().getPort());
      System.out.flush();
    };
  }

  /** Innermost filter: sees what the controllers throw before the container does. */
  @Bean
  FilterRegistrationBean<ExceptionWitness> exceptionWitness() {
    FilterRegistrationBean<ExceptionWitness> bean = new FilterRegistrationBean<>(new ExceptionWitness());
    bean.setOrder(Ordered.LOWEST_PRECEDENCE);
    return bean;
  }
}
