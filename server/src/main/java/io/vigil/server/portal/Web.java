package io.vigil.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Small helpers shared by the portal's controllers. */
final class Web {

    private Web() {}

    /** The client address as the server sees it (behind a proxy: see {@code server.forward-headers-strategy}). */
    static String address(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    /** Redirects to {@code path} with a one-time notice shown on the next page. */
    static String redirect(RedirectAttributes redirect, String path, String notice) {
        redirect.addFlashAttribute("notice", notice);
        return "redirect:" + path;
    }
}
