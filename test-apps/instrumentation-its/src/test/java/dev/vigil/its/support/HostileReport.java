package dev.vigil.its.support;

/**
 * The one line each hostile-world case prints (docs/reliability.md collects them): what load the application held,
 * which faults the agent survived, how many inputs were tried and what was lost. Printed on standard output, which
 * surefire keeps in the test's report.
 */
public final class HostileReport {
  private HostileReport() {}

  public static String line(String caseName, String loadHeld, String faultsSurvived, String inputsTried,
      String lost) {
    return "[hostile] " + caseName + " | load held: " + loadHeld + " | faults survived: " + faultsSurvived
        + " | inputs tried: " + inputsTried + " | lost: " + lost;
  }

  public static void print(String caseName, String loadHeld, String faultsSurvived, String inputsTried,
      String lost) {
    System.out.println(line(caseName, loadHeld, faultsSurvived, inputsTried, lost));
  }
}
