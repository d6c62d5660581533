package dev.vigil.agent.jmx;

import dev.vigil.agent.logging.AgentLog;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers Vigil's MBeans in the platform MBean server. Called late (after the application's main has run, see
 * AgentStartup), since application servers set up JMX themselves first. Opens no port: remote access is whatever
 * the JVM was started with, and local tools (jconsole, VisualVM, jmxterm, vigil-agent.jar profile) attach.
 */
public final class JmxRegistration {
  public static final String PROFILER = "dev.vigil:type=Profiler";
  public static final String AGENT = "dev.vigil:type=Agent";

  private JmxRegistration() {}

  public static void register(ProfilerMXBean profiler, AgentMXBean agent) {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      register(server, PROFILER, profiler);
      register(server, AGENT, agent);
      AgentLog.info("JMX MBeans registered: " + PROFILER + ", " + AGENT);
    } catch (Throwable t) {
      AgentLog.warn("cannot register JMX MBeans; profiling over JMX is unavailable: " + t);
    }
  }

  private static void register(MBeanServer server, String name, Object bean) throws Exception {
    ObjectName on = new ObjectName(name);
    if (bean != null && !server.isRegistered(on)) { // attached twice: the first copy stays
      server.registerMBean(bean, on);
    }
  }
}
