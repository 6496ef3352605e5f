package io.vigil.server.portal;

import io.vigil.server.platform.ActorAuthentication;
import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Gives every page its {@link PageContext}; turns failures into pages: a form's validation error
 * goes back to the form page as a message, a missing or foreign thing is a 404 page, a forbidden
 * action a 403 page.
 */
@ControllerAdvice(basePackageClasses = PortalAdvice.class)
class PortalAdvice {

    private static final Pattern ACTION_SUFFIX = Pattern.compile("/(reset-password|unlock|revoke|token|retention)$");

    @ModelAttribute("ctx")
    PageContext context(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
        return new PageContext(
                auth instanceof ActorAuthentication a ? a.actor() : null,
                csrf == null ? "_csrf" : csrf.getParameterName(),
                csrf == null ? "X-CSRF-TOKEN" : csrf.getHeaderName(),
                csrf == null ? "" : csrf.getToken(),
                text(flash, "notice"),
                text(flash, "error"));
    }

    private static @Nullable String text(@Nullable Map<String, ?> flash, String key) {
        return flash != null && flash.get(key) instanceof String s ? s : null;
    }

    @ExceptionHandler({ValidationException.class, ConflictException.class})
    String backToForm(RuntimeException e, HttpServletRequest request) {
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        flash.put("error", e.getMessage());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "redirect:" + ACTION_SUFFIX.matcher(path).replaceFirst("");
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return error(404, "Not found", e.getMessage(), request, response, model);
    }

    @ExceptionHandler(ForbiddenException.class)
    String forbidden(ForbiddenException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return error(403, "Not allowed", e.getMessage(), request, response, model);
    }

    private String error(
            int status,
            String title,
            String message,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        response.setStatus(status);
        model.addAttribute("ctx", context(request));
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "problem";
    }
}
