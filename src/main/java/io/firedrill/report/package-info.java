/**
 * The reports of a drill, written from its {@link io.firedrill.drill.DrillResult}: the contract's
 * summary.json, a one-page report.html with charts, the history that trends and readiness read,
 * and the drill as an Allure test.
 *
 * <p>One entry point, {@link io.firedrill.report.DrillReports}:
 * <ul>
 *   <li>{@code drill run}: {@code new DrillReports(reportsDir).publish(result)};</li>
 *   <li>the JUnit suite, inside the dynamic test of the drill:
 *       {@code reports.publishInto(Allure.getLifecycle(), result)} then
 *       {@link io.firedrill.report.AllureDrillReporter#assertPassed AllureDrillReporter.assertPassed(result)},
 *       so the test's Allure result is the drill's and no second result is written.</li>
 * </ul>
 */
package io.firedrill.report;
