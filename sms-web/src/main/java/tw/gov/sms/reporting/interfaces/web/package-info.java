/**
 * Portal pages of the reporting context: the dashboard of each role (issue 8, R7), and the MODA overview
 * (issue 8 item 8) with its charts. PrimeFaces 15's {@code p:chart} takes a Chart.js configuration as JSON
 * text (the Java chart models of older PrimeFaces are gone); {@code ChartConfig} writes it, escaped for the
 * script it lands in. Every chart has its figures in a table beside it, its text alternative (WCAG 1.1.1).
 */
package tw.gov.sms.reporting.interfaces.web;
