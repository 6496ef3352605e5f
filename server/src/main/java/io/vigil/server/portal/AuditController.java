package io.vigil.server.portal;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log: provider admins see everything, tenant admins their tenant's lines. */
@Controller
class AuditController {

    static final int PAGE_SIZE = 100;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String list(Actor actor, @RequestParam(defaultValue = "1") int page, Model model) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.TENANT_ADMIN) {
            throw new ForbiddenException("The audit log is for admins.");
        }
        int p = Math.max(1, Math.min(page, 100_000));
        model.addAttribute("entries", audit.newest(actor.scope(), PAGE_SIZE + 1, (p - 1) * PAGE_SIZE));
        model.addAttribute("page", p);
        model.addAttribute("pageSize", PAGE_SIZE);
        return "audit";
    }
}
