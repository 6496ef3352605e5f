package io.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.HeadlessChromium;
import io.vigil.server.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Swagger UI in a real headless Chromium under its Content-Security-Policy: the page renders the
 * document's title and the incident operations, and the browser reports no CSP violation.
 */
class ApiDocsBrowserIT extends ServerTest {

    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldRenderSwaggerUiWithoutContentSecurityPolicyViolations() {
        browser.get(base() + "/api/docs");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".info .title"), "Vigil native API"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-path='/api/tenants/{tenantId}/incidents/{incidentId}']")));
        assertThat(browser.findElements(By.cssSelector(".opblock-tag")))
                .extracting(e -> e.getAttribute("data-tag"))
                .contains("incidents", "triage");
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
                .toList();
        assertThat(violations).as("CSP violations in the browser console").isEmpty();
    }
}
