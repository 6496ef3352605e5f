package io.vigil.server.portal;

import io.vigil.server.api.ConnectionService;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.tenant.TenantService;
import io.vigil.server.tenant.UserService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The page after sign-in: the tenants a provider user can see, or the customer's own tenant. */
@Controller
class HomeController {

    private final TenantService tenants;
    private final UserService users;
    private final ConnectionService connections;

    HomeController(TenantService tenants, UserService users, ConnectionService connections) {
        this.tenants = tenants;
        this.users = users;
        this.connections = connections;
    }

    @GetMapping("/")
    String home(Actor actor, Model model) {
        if (actor.role().providerSide()) {
            Map<TenantId, Integer> accounts = users.accountsPerTenant(actor);
            List<TenantRow> rows = tenants.visible(actor).stream()
                    .map(t -> new TenantRow(t, accounts.getOrDefault(t.id(), 0)))
                    .toList();
            model.addAttribute("rows", rows);
            return "home-provider";
        }
        TenantId own = Objects.requireNonNull(actor.tenant());
        model.addAttribute("tenant", tenants.get(actor, own));
        model.addAttribute("users", users.ofTenant(actor, own));
        model.addAttribute(
                "connections",
                actor.administers(own) ? connections.visible(actor).size() : 0);
        return "home-tenant";
    }
}
