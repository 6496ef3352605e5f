package io.vigil.server.portal;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.tenant.Tenant;
import io.vigil.server.tenant.TenantService;
import io.vigil.server.tenant.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Tenant list (provider side), one tenant's page with its accounts, and creating accounts in it. */
@Controller
class TenantController {

    private final TenantService tenants;
    private final UserService users;

    TenantController(TenantService tenants, UserService users) {
        this.tenants = tenants;
        this.users = users;
    }

    @GetMapping("/tenants")
    String list(Actor actor, Model model) {
        model.addAttribute("tenants", tenants.visible(actor));
        return "tenants";
    }

    @PostMapping("/tenants")
    String create(
            Actor actor,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Tenant t = tenants.create(actor, name, description, Web.address(request));
        return Web.redirect(redirect, "/tenants/" + t.id(), "Tenant '" + t.name() + "' created.");
    }

    @GetMapping("/tenants/{tenantId}")
    String show(Actor actor, @PathVariable String tenantId, Model model) {
        TenantId id = TenantId.parse(tenantId);
        Tenant tenant = tenants.get(actor, id);
        model.addAttribute("tenant", tenant);
        model.addAttribute("users", actor.administers(id) ? users.ofTenant(actor, id) : java.util.List.of());
        model.addAttribute("canAdmin", actor.administers(id));
        model.addAttribute("canEdit", actor.isProviderAdmin());
        return "tenant";
    }

    @PostMapping("/tenants/{tenantId}")
    String update(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Tenant t = tenants.update(actor, TenantId.parse(tenantId), name, description, Web.address(request));
        return Web.redirect(redirect, "/tenants/" + t.id(), "Tenant saved.");
    }

    @PostMapping("/tenants/{tenantId}/retention")
    String retention(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(defaultValue = "") String telemetryRetentionDays,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        TenantId id = TenantId.parse(tenantId);
        tenants.get(actor, id);
        int days;
        try {
            days = Integer.parseInt(telemetryRetentionDays.trim());
        } catch (NumberFormatException e) {
            throw new io.vigil.server.platform.ValidationException(
                    "telemetryRetentionDays", "Enter a whole number of days.");
        }
        Tenant t = tenants.setRetention(actor, id, days, Web.address(request));
        return Web.redirect(
                redirect, "/tenants/" + t.id(), "Telemetry is now kept " + t.telemetryRetentionDays() + " days.");
    }

    @PostMapping("/tenants/{tenantId}/users")
    String createUser(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "TENANT_VIEWER") String role,
            HttpServletRequest request,
            Model model) {
        TenantId id = TenantId.parse(tenantId);
        tenants.get(actor, id);
        Role r = Role.parse(role);
        if (r.providerSide()) {
            throw new io.vigil.server.platform.ValidationException(
                    "role", "A tenant's accounts are tenant admins or tenant viewers.");
        }
        UserService.Created created = users.create(
                actor, new UserService.NewUser(username, displayName, r, id, Set.of()), Web.address(request));
        model.addAttribute("created", created);
        model.addAttribute("back", "/tenants/" + id);
        return "user-created";
    }
}
