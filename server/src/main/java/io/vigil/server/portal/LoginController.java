package io.vigil.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, with the reason of the last refusal (wrong password, locked, throttled). */
@Controller
class LoginController {

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        String message = null;
        if (request.getParameter("error") != null) {
            HttpSession session = request.getSession(false);
            Object last = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            message = last instanceof AuthenticationException e && e.getMessage() != null
                    ? e.getMessage()
                    : "Wrong user name or password.";
        }
        model.addAttribute("message", message == null ? "" : message);
        String info = request.getParameter("signedOut") != null
                ? "You are signed out."
                : request.getParameter("expired") != null ? "Your session ended. Sign in again." : "";
        model.addAttribute("info", info);
        return "login";
    }
}
