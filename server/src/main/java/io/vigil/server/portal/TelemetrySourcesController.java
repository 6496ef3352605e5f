package io.vigil.server.portal;

import io.vigil.server.ingest.IngestCredentialService;
import io.vigil.server.ingest.IngestKey;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.server.tenant.TenantService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** A tenant's telemetry sources: ingest keys for shippers and agents, and the enrolled agents. */
@Controller
class TelemetrySourcesController {

    private final IngestCredentialService credentials;
    private final TenantService tenants;

    TelemetrySourcesController(IngestCredentialService credentials, TenantService tenants) {
        this.credentials = credentials;
        this.tenants = tenants;
    }

    @GetMapping("/tenants/{tenantId}/telemetry")
    String page(Actor actor, @PathVariable String tenantId, Model model) {
        TenantId id = TenantId.parse(tenantId);
        model.addAttribute("tenant", tenants.get(actor, id));
        model.addAttribute("keys", credentials.keys(actor, id));
        model.addAttribute("agents", credentials.agents(actor, id));
        model.addAttribute("canAdmin", actor.administers(id));
        return "telemetry-sources";
    }

    @PostMapping("/tenants/{tenantId}/telemetry/keys")
    String create(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "SHIPPER") String purpose,
            HttpServletRequest request,
            Model model) {
        TenantId id = TenantId.parse(tenantId);
        IngestKey.Purpose p;
        try {
            p = IngestKey.Purpose.valueOf(purpose.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("purpose", "Either a shipper key or an enrollment key.");
        }
        IngestCredentialService.IssuedKey issued = credentials.createKey(actor, id, name, p, Web.address(request));
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        model.addAttribute("tenant", tenants.get(actor, id));
        model.addAttribute("key", issued.key());
        model.addAttribute("token", issued.token());
        model.addAttribute("keyId", issued.key().id());
        model.addAttribute("secret", issued.secret());
        model.addAttribute("apiKey", issued.apiKey());
        model.addAttribute("base", base);
        return "telemetry-key-issued";
    }

    @PostMapping("/tenants/{tenantId}/telemetry/keys/{keyId}/revoke")
    String revokeKey(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String keyId,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        credentials.revokeKey(actor, TenantId.parse(tenantId), keyId, Web.address(request));
        return Web.redirect(redirect, "/tenants/" + tenantId + "/telemetry", "Key revoked: it no longer works.");
    }

    @PostMapping("/tenants/{tenantId}/telemetry/agents/{agentId}/revoke")
    String revokeAgent(
            Actor actor,
            @PathVariable String tenantId,
            @PathVariable String agentId,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        credentials.revokeAgent(actor, TenantId.parse(tenantId), agentId, Web.address(request));
        return Web.redirect(
                redirect, "/tenants/" + tenantId + "/telemetry", "Agent revoked: it must enroll again to send.");
    }
}
