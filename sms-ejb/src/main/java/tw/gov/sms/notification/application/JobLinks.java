package tw.gov.sms.notification.application;

/**
 * Where a notice links to. The portal's base address is {@code sms.notify.portal-url} when set, otherwise the folder
 * of the reset page ({@code sms.account.reset-url}, e.g. {@code http://localhost:8080/portal/reset.xhtml} gives
 * {@code http://localhost:8080/portal/}): every deployment already sets that one to its public portal address.
 */
final class JobLinks {

    private JobLinks() {}

    static String jobPage(String portalUrl, String resetUrl, long jobId) {
        return base(portalUrl, resetUrl) + "app/jobs.xhtml?id=" + jobId;
    }

    static String base(String portalUrl, String resetUrl) {
        if (portalUrl != null && !portalUrl.isBlank()) {
            String p = portalUrl.strip();
            return p.endsWith("/") ? p : p + "/";
        }
        String r = resetUrl == null ? "" : resetUrl.strip();
        int query = r.indexOf('?');
        if (query >= 0) {
            r = r.substring(0, query);
        }
        int slash = r.lastIndexOf('/');
        return slash >= 0 ? r.substring(0, slash + 1) : "http://localhost:8080/portal/";
    }
}
