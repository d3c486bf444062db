package tw.gov.sms.shared.interfaces.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Error page for failures the container answers before JAX-RS sees the request (a missing, expired or
 * forged bearer token: 401; a role the token lacks: 403), so they too are problem details.
 */
@WebServlet("/errors/*")
public class ProblemErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String body;
        if (status == 401) {
            resp.setHeader("WWW-Authenticate", "Bearer");
            body = Problems.body(
                            401,
                            "UNAUTHORIZED",
                            "需要有效的存取權杖（可能缺少、已過期或簽章無效）。",
                            "A valid access token is required (missing, expired or with an invalid signature).",
                            List.of(),
                            null)
                    .toString();
        } else if (status == 403) {
            body = Problems.body(
                            403,
                            "FORBIDDEN",
                            "此權杖沒有執行此操作的權限。",
                            "The token lacks the permission for this operation.",
                            List.of(),
                            null)
                    .toString();
        } else if (status == 404) {
            body = Problems.body(404, "NOT_FOUND", "查無此資源。", "No such resource.", List.of(), null)
                    .toString();
        } else {
            body = Problems.body(
                            status, "HTTP_" + status, "請求無法處理。", "The request cannot be processed.", List.of(), null)
                    .toString();
        }
        resp.setStatus(status);
        resp.setContentType(Problems.MEDIA_TYPE + ";charset=UTF-8");
        resp.getWriter().write(body);
    }
}
