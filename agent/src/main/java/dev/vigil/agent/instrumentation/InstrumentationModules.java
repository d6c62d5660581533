package dev.vigil.agent.instrumentation;

import dev.vigil.agent.instrumentation.apachehttpclient4.ApacheHttpClient4Module;
import dev.vigil.agent.instrumentation.apachehttpclient5.ApacheHttpClient5Module;
import dev.vigil.agent.instrumentation.executors.ExecutorsModule;
import dev.vigil.agent.instrumentation.dbcp2.Dbcp2Module;
import dev.vigil.agent.instrumentation.grpc.GrpcModule;
import dev.vigil.agent.instrumentation.netty.eventloop.NettyEventLoopModule;
import dev.vigil.agent.instrumentation.netty.server.NettyHttpServerModule;
import dev.vigil.agent.instrumentation.spring.webflux.SpringWebFluxModule;
import dev.vigil.agent.instrumentation.hikaricp.HikariCpModule;
import dev.vigil.agent.instrumentation.httpurlconnection.HttpUrlConnectionModule;
import dev.vigil.agent.instrumentation.jaxrs.jersey.JerseyModule;
import dev.vigil.agent.instrumentation.jaxrs.resteasy.ResteasyModule;
import dev.vigil.agent.instrumentation.jetty.request.JettyRequestModule;
import dev.vigil.agent.instrumentation.jetty.threadpool.JettyThreadPoolModule;
import dev.vigil.agent.instrumentation.jdbc.JdbcModule;
import dev.vigil.agent.instrumentation.jedis.JedisModule;
import dev.vigil.agent.instrumentation.jdkhttp.JdkHttpServerModule;
import dev.vigil.agent.instrumentation.jdkhttpclient.JdkHttpClientModule;
import dev.vigil.agent.instrumentation.netty.client.NettyClientModule;
import dev.vigil.agent.instrumentation.okhttp.OkHttpModule;
import dev.vigil.agent.instrumentation.reactor.ReactorModule;
import dev.vigil.agent.instrumentation.reactornetty.ReactorNettyModule;
import dev.vigil.agent.instrumentation.otelapi.OtelApiModule;
import dev.vigil.agent.instrumentation.otelapi.WithSpanModule;
import dev.vigil.agent.instrumentation.kafka.KafkaModule;
import dev.vigil.agent.instrumentation.rabbitmq.RabbitMqModule;
import dev.vigil.agent.instrumentation.log4j2.Log4j2Module;
import dev.vigil.agent.instrumentation.logback.LogbackModule;
import dev.vigil.agent.instrumentation.lettuce.LettuceModule;
import dev.vigil.agent.instrumentation.servlet.jakarta.ServletJakartaModule;
import dev.vigil.agent.instrumentation.servlet.javax.ServletJavaxModule;
import dev.vigil.agent.instrumentation.spring.webmvc.SpringWebMvcModule;
import dev.vigil.agent.instrumentation.tomcat.executor.TomcatExecutorModule;
import dev.vigil.agent.instrumentation.tomcat.request.TomcatRequestModule;
import dev.vigil.agent.instrumentation.undertow.UndertowRequestModule;
import dev.vigil.agent.instrumentation.xnio.XnioWorkerModule;
import dev.vigil.agent.tooling.InstrumentationModule;
import java.util.List;

/** Every instrumentation module the agent knows. A plain list: no service loading at start-up. */
public final class InstrumentationModules {
  private InstrumentationModules() {}

  public static List<InstrumentationModule> all() {
    return List.of(new JdkHttpServerModule(),
        new ServletJavaxModule(),
        new ServletJakartaModule(),
        new SpringWebMvcModule(),
        new NettyHttpServerModule(),
        new SpringWebFluxModule(),
        new JerseyModule(),
        new ResteasyModule(),
        new TomcatRequestModule(),
        new JettyRequestModule(),
        new UndertowRequestModule(),
        new JdbcModule(),
        new HikariCpModule(),
        new ExecutorsModule(),
        new JettyThreadPoolModule(),
        new TomcatExecutorModule(),
        new XnioWorkerModule(),
        new NettyEventLoopModule(),
        new HttpUrlConnectionModule(),
        new JdkHttpClientModule(),
        new ApacheHttpClient5Module(),
        new ApacheHttpClient4Module(),
        new OkHttpModule(),
        new NettyClientModule(),
        new ReactorNettyModule(),
        new ReactorModule(),
        new LogbackModule(),
        new Log4j2Module(),
        new JedisModule(),
        new LettuceModule(),
        new Dbcp2Module(),
        new GrpcModule(),
        new OtelApiModule(),
        new WithSpanModule(),
        new RabbitMqModule(),
        new KafkaModule());
  }
}
