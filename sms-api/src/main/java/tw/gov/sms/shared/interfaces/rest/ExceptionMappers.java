package tw.gov.sms.shared.interfaces.rest;

import jakarta.ejb.EJBException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import tw.gov.sms.account.application.InvalidClientException;
import tw.gov.sms.intake.application.UploadNotFoundException;
import tw.gov.sms.sending.application.JobNotFoundException;
import tw.gov.sms.sending.application.RecipientRejection;
import tw.gov.sms.sending.application.StateConflictException;
import tw.gov.sms.sending.application.SubmissionRejectedException;

/** Turns every failure into problem details; internals never reach the caller (DOMAIN.md, integrity). */
public final class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());

    private ExceptionMappers() {}

    @Provider
    public static class SubmissionRejected implements ExceptionMapper<SubmissionRejectedException> {
        @Override
        public Response toResponse(SubmissionRejectedException e) {
            JsonArrayBuilder rejections = Json.createArrayBuilder();
            for (RecipientRejection r : e.rejections()) {
                rejections.add(Json.createObjectBuilder()
                        .add("index", r.index())
                        .add("number", r.number() == null ? "" : r.number())
                        .add("problems", Problems.toJson(r.problems())));
            }
            return Problems.response(
                    422,
                    "SUBMISSION_REJECTED",
                    "送出內容未通過檢查，未儲存任何資料。",
                    "The submission failed validation; nothing was stored.",
                    e.problems(),
                    Json.createObjectBuilder().add("rejections", rejections).build());
        }
    }

    @Provider
    public static class JobNotFound implements ExceptionMapper<JobNotFoundException> {
        @Override
        public Response toResponse(JobNotFoundException e) {
            return Problems.response(404, "JOB_NOT_FOUND", "查無此發送工作。", "No such send job.");
        }
    }

    @Provider
    public static class UploadNotFound implements ExceptionMapper<UploadNotFoundException> {
        @Override
        public Response toResponse(UploadNotFoundException e) {
            return Problems.response(404, "UPLOAD_NOT_FOUND", "查無此上傳檔案。", "No such uploaded file.");
        }
    }

    @Provider
    public static class StateConflict implements ExceptionMapper<StateConflictException> {
        @Override
        public Response toResponse(StateConflictException e) {
            return Problems.response(
                    409,
                    e.problem().code().name(),
                    e.problem().messageZh(),
                    e.problem().messageEn(),
                    List.of(e.problem()),
                    null);
        }
    }

    @Provider
    public static class InvalidClient implements ExceptionMapper<InvalidClientException> {
        @Override
        public Response toResponse(InvalidClientException e) {
            return Problems.response(401, "INVALID_CLIENT", "用戶端識別碼或密鑰錯誤。", "Invalid client id or secret.");
        }
    }

    @Provider
    public static class AccountRefusal implements ExceptionMapper<tw.gov.sms.account.application.AccountException> {
        @Override
        public Response toResponse(tw.gov.sms.account.application.AccountException e) {
            JsonObject extra = null;
            if (!e.details().isEmpty()) {
                var array = Json.createArrayBuilder();
                e.details()
                        .forEach(d -> array.add(Json.createObjectBuilder()
                                .add("code", d.code())
                                .add("messageZh", d.messageZh())
                                .add("messageEn", d.messageEn())));
                extra = Json.createObjectBuilder().add("problems", array).build();
            }
            return Problems.response(e.status(), e.code(), e.messageZh(), e.messageEn(), List.of(), extra);
        }
    }

    @Provider
    public static class BadInput implements ExceptionMapper<ApiInputException> {
        @Override
        public Response toResponse(ApiInputException e) {
            return Problems.response(400, e.code(), e.messageZh(), e.messageEn());
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof NotFoundException) {
                return Problems.response(404, "NOT_FOUND", "查無此資源。", "No such resource.");
            }
            if (cause instanceof NotAuthorizedException) {
                return Problems.response(401, "UNAUTHORIZED", "需要有效的存取權杖。", "A valid access token is required.");
            }
            if (cause instanceof ForbiddenException) {
                return Problems.response(403, "FORBIDDEN", "權限不足。", "Not permitted.");
            }
            if (cause instanceof NotAllowedException) {
                return Problems.response(405, "METHOD_NOT_ALLOWED", "不支援此 HTTP 方法。", "HTTP method not allowed.");
            }
            if (cause instanceof NotSupportedException) {
                return Problems.response(415, "UNSUPPORTED_MEDIA_TYPE", "不支援的內容類型。", "Unsupported content type.");
            }
            if (cause instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
                int status = w.getResponse().getStatus();
                return Problems.response(status, "HTTP_" + status, "請求無法處理。", "The request cannot be processed.");
            }
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "unexpected failure, incident " + incident, e);
            return Problems.response(
                    500,
                    "INTERNAL_ERROR",
                    "系統發生錯誤，請提供事件編號 " + incident + " 聯絡客服。",
                    "Internal error; quote incident " + incident + " to support.");
        }
    }
}
