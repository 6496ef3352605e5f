package io.vigil.server.portal;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.ValidationException;
import io.vigil.server.tenant.PasswordPolicy;
import io.vigil.server.tenant.UserId;
import io.vigil.server.tenant.UserService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in person's own password (forced after the first sign-in and after a reset). */
@Controller
class AccountController {

    private final UserService users;

    AccountController(UserService users) {
        this.users = users;
    }

    @GetMapping(PortalActorFilter.PASSWORD_PAGE)
    String form(Actor actor, Model model) {
        model.addAttribute(
                "mustChange",
                users.sessionUser(new UserId(actor.id()))
                        .map(u -> u.mustChangePassword())
                        .orElse(false));
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return "password";
    }

    @PostMapping(PortalActorFilter.PASSWORD_PAGE)
    String change(
            Actor actor,
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String repeated,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (actor.kind() != Actor.Kind.USER) {
            throw new ValidationException("password", "Only people have passwords.");
        }
        users.changeOwnPassword(new UserId(actor.id()), current, password, repeated, Web.address(request));
        return Web.redirect(redirect, "/", "Your password is changed.");
    }
}
