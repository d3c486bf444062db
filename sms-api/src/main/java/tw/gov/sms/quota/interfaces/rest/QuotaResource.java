package tw.gov.sms.quota.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.quota.application.ContractService;
import tw.gov.sms.quota.application.QuotaService;
import tw.gov.sms.quota.domain.QuotaBalance;
import tw.gov.sms.quota.infrastructure.jdbc.QuotaLedger;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/**
 * {@code GET /api/v1/quota}: the caller's remaining paid and test quota (account and agency);
 * {@code GET /quota/ledger}: the ledger entries in sight; {@code PUT /quota/mode} and
 * {@code PUT /quota/allocations/{accountId}}: how the agency's quota is shared or allocated.
 */
@Path("v1/quota")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"user", "send", "view", "reports"})
public class QuotaResource {

    @Inject
    QuotaService quota;

    @Inject
    ContractService contracts;

    @Inject
    SourceAddresses sources;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    private Actor actor() {
        return Caller.of(security).actor(sources.of(request));
    }

    @GET
    public String view(@QueryParam("agency") Long agency) {
        QuotaService.View v = quota.view(actor(), agency);
        JsonObjectBuilder out =
                Json.createObjectBuilder().add("agencyId", v.agencyId()).add("mode", v.mode());
        if (v.contract() == null) {
            out.addNull("contract");
        } else {
            out.add(
                    "contract",
                    Json.createObjectBuilder()
                            .add("code", v.contract().code())
                            .add("name", v.contract().name())
                            .add("startsOn", v.contract().startsOn().toString())
                            .add("endsOn", v.contract().endsOn().toString())
                            .add("unitPrice", v.contract().unitPrice()));
        }
        out.add("agency", balance(v.agency(), false));
        if (v.account() != null) {
            out.add("account", balance(v.account(), true).add("accountId", v.accountId()));
        }
        out.add(
                "test",
                Json.createObjectBuilder()
                        .add("allowance", v.testAllowance())
                        .add("used", v.testUsed())
                        .add("left", Math.max(0, v.testAllowance() - v.testUsed())));
        return out.build().toString();
    }

    @GET
    @Path("ledger")
    public String ledger(@QueryParam("agency") Long agency, @QueryParam("limit") Integer limit) {
        Actor actor = actor();
        long agencyId = agency != null ? agency : actor.agencyValue() == null ? -1 : actor.agencyValue();
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (QuotaLedger.Entry e : quota.entries(actor, agencyId, limit == null ? 200 : limit)) {
            JsonObjectBuilder o = Json.createObjectBuilder()
                    .add("id", e.id())
                    .add("contractId", e.contractId())
                    .add("agencyId", e.agencyId())
                    .add("kind", e.kind().name())
                    .add("segments", e.segments())
                    .add("createdAt", e.createdAt().toString());
            if (e.accountId() != null) {
                o.add("accountId", e.accountId());
            }
            if (e.jobId() != null) {
                o.add("jobId", e.jobId());
            }
            if (e.orderId() != null) {
                o.add("orderId", e.orderId());
            }
            if (e.actor() != null) {
                o.add("actor", e.actor());
            }
            if (e.note() != null) {
                o.add("note", e.note());
            }
            rows.add(o);
        }
        return Json.createObjectBuilder().add("entries", rows).build().toString();
    }

    @PUT
    @Path("mode")
    public String mode(String body) {
        JsonObject in = JsonInput.object(body);
        Integer agency = JsonInput.integer(in, "agencyId");
        if (agency == null) {
            throw JsonInput.missing("agencyId");
        }
        String mode = JsonInput.string(in, "mode", true);
        contracts.setMode(actor(), agency, mode);
        return Json.createObjectBuilder()
                .add("agencyId", agency)
                .add("mode", mode)
                .build()
                .toString();
    }

    @PUT
    @Path("allocations/{accountId}")
    public String allocate(@PathParam("accountId") long accountId, String body) {
        JsonObject in = JsonInput.object(body);
        if (!in.containsKey("segments")
                || !(in.get("segments") instanceof jakarta.json.JsonNumber n)
                || !n.isIntegral()) {
            throw new ApiInputException(
                    "QUOTA_ALLOCATION_INVALID",
                    "segments 須為 0 或正整數。",
                    "segments must be zero or a positive whole number.");
        }
        long segments = n.longValueExact();
        long delta = contracts.allocate(actor(), accountId, segments);
        return Json.createObjectBuilder()
                .add("accountId", accountId)
                .add("segments", segments)
                .add("change", delta)
                .build()
                .toString();
    }

    private static JsonObjectBuilder balance(QuotaBalance b, boolean account) {
        JsonObjectBuilder o =
                Json.createObjectBuilder().add("reserved", b.reserved()).add("charged", b.charged());
        if (account) {
            o.add("allocated", b.allocated()).add("allocationLeft", b.allocationLeft());
        } else {
            o.add("ordered", b.ordered()).add("lapsed", b.lapsed()).add("available", b.available());
        }
        return o;
    }
}
