package io.vigil.server.portal;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.tenant.TenantService;
import io.vigil.server.tenant.User;
import io.vigil.server.tenant.UserId;
import io.vigil.server.tenant.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Provider accounts (provider admins) and editing any account the actor administers. */
@Controller
class UserController {

    private final UserService users;
    private final TenantService tenants;
    private final Clock clock;

    UserController(UserService users, TenantService tenants, Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.clock = clock;
    }

    @GetMapping("/users")
    String list(Actor actor, Model model) {
        model.addAttribute("users", users.provider(actor));
        model.addAttribute("tenants", tenants.visible(actor));
        model.addAttribute("now", clock.instant());
        return "users";
    }

    @PostMapping("/users")
    String create(
            Actor actor,
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "SOC_ANALYST") String role,
            @RequestParam(name = "assigned", required = false) List<String> assigned,
            HttpServletRequest request,
            Model model) {
        Role r = Role.parse(role);
        if (!r.providerSide()) {
            throw new io.vigil.server.platform.ValidationException(
                    "role", "Create customer accounts on the tenant's page.");
        }
        UserService.Created created = users.create(
                actor,
                new UserService.NewUser(username, displayName, r, null, tenantIds(assigned)),
                Web.address(request));
        model.addAttribute("created", created);
        model.addAttribute("back", "/users");
        return "user-created";
    }

    @GetMapping("/users/{userId}")
    String show(Actor actor, @PathVariable String userId, Model model) {
        User user = users.get(actor, UserId.parse(userId));
        model.addAttribute("user", user);
        model.addAttribute("tenants", user.role().providerSide() ? tenants.visible(actor) : List.of());
        model.addAttribute("locked", user.lockedAt(clock.instant()));
        model.addAttribute(
                "roles",
                user.role().providerSide()
                        ? List.of(Role.PROVIDER_ADMIN, Role.SOC_ANALYST)
                        : List.of(Role.TENANT_ADMIN, Role.TENANT_VIEWER));
        model.addAttribute("self", user.id().value().equals(actor.id()));
        return "user";
    }

    @PostMapping("/users/{userId}")
    String update(
            Actor actor,
            @PathVariable String userId,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(name = "assigned", required = false) List<String> assigned,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        UserId id = UserId.parse(userId);
        users.get(actor, id); // 404 before any validation of the form
        User user = users.update(
                actor,
                id,
                new UserService.Change(displayName, Role.parse(role), enabled, tenantIds(assigned)),
                Web.address(request));
        return Web.redirect(redirect, "/users/" + user.id(), "Account '" + user.username() + "' saved.");
    }

    @PostMapping("/users/{userId}/reset-password")
    String reset(Actor actor, @PathVariable String userId, HttpServletRequest request, Model model) {
        UserId id = UserId.parse(userId);
        String password = users.resetPassword(actor, id, Web.address(request));
        User user = users.get(actor, id);
        model.addAttribute("created", new UserService.Created(user, password));
        model.addAttribute("back", "/users/" + id);
        return "user-created";
    }

    @PostMapping("/users/{userId}/unlock")
    String unlock(Actor actor, @PathVariable String userId, HttpServletRequest request, RedirectAttributes redirect) {
        UserId id = UserId.parse(userId);
        users.unlock(actor, id, Web.address(request));
        return Web.redirect(redirect, "/users/" + id, "Account unlocked.");
    }

    private static Set<TenantId> tenantIds(@org.jspecify.annotations.Nullable List<String> values) {
        Set<TenantId> ids = new HashSet<>();
        if (values != null) {
            for (String v : values) {
                ids.add(TenantId.parse(v));
            }
        }
        return ids;
    }
}
