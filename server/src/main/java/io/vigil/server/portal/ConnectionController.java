package io.vigil.server.portal;

import io.vigil.server.api.ApiConnection;
import io.vigil.server.api.ConnectionService;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.tenant.TenantService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** API connections: list, create (showing client_id and the single-use refresh token once), revoke. */
@Controller
class ConnectionController {

    private final ConnectionService connections;
    private final TenantService tenants;

    ConnectionController(ConnectionService connections, TenantService tenants) {
        this.connections = connections;
        this.tenants = tenants;
    }

    @GetMapping("/connections")
    String list(Actor actor, Model model) {
        model.addAttribute("connections", connections.visible(actor));
        model.addAttribute("tenantNames", tenantNames(actor));
        model.addAttribute(
                "tenants",
                tenants.visible(actor).stream()
                        .filter(t -> actor.administers(t.id()))
                        .toList());
        model.addAttribute(
                "roles",
                actor.isProviderAdmin() ? List.of(Role.values()) : List.of(Role.TENANT_ADMIN, Role.TENANT_VIEWER));
        return "connections";
    }

    @PostMapping("/connections")
    String create(
            Actor actor,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "TENANT_VIEWER") String role,
            @RequestParam(defaultValue = "") String tenant,
            HttpServletRequest request,
            Model model) {
        TenantId scope = tenant.isBlank() ? null : TenantId.parse(tenant);
        ConnectionService.Issued issued =
                connections.create(actor, name, Role.parse(role), scope, Web.address(request));
        return showToken(issued.connection(), issued.refreshToken(), model);
    }

    @PostMapping("/connections/{clientId}/token")
    String newToken(Actor actor, @PathVariable String clientId, HttpServletRequest request, Model model) {
        String refresh = connections.newRefreshToken(actor, clientId, Web.address(request));
        return showToken(connections.get(actor, clientId), refresh, model);
    }

    @PostMapping("/connections/{clientId}/revoke")
    String revoke(
            Actor actor,
            @PathVariable String clientId,
            HttpServletRequest request,
            RedirectAttributes redirect,
            Model model) {
        connections.revoke(actor, clientId, Web.address(request));
        if ("true".equals(request.getHeader("HX-Request"))) {
            model.addAttribute("c", connections.get(actor, clientId));
            model.addAttribute("tenantNames", tenantNames(actor));
            return "connection-row";
        }
        return Web.redirect(redirect, "/connections", "Connection revoked: its tokens no longer work.");
    }

    private Map<TenantId, String> tenantNames(Actor actor) {
        Map<TenantId, String> names = new HashMap<>();
        tenants.visible(actor).forEach(t -> names.put(t.id(), t.name()));
        return names;
    }

    private static String showToken(ApiConnection connection, String refreshToken, Model model) {
        model.addAttribute("connection", connection);
        model.addAttribute("refreshToken", refreshToken);
        model.addAttribute(
                "confirmUrl",
                ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/v1/{client}/session/confirm")
                        .buildAndExpand(connection.clientId())
                        .toUriString());
        return "connection-issued";
    }
}
