package dev.migrator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The migrations dashboard in a real browser: the sample app on a random port, headless Chromium
 * driven by Selenium. Each section is checked against the endpoint's JSON; an anonymous caller's
 * rollback is refused; the admin reviews a rollback, runs its dry run, confirms it, then dry-runs and
 * applies the migration it made pending. The last state is saved as target/dashboard.png, and as
 * docs/images/dashboard.png with -Dmigrator.docs.screenshot=true.
 * Skipped, saying how to run it, where Chromium and its driver are not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTests {

	private static final String PAGE = "/actuator/migrations/dashboard";

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	/** One Chromium for the class (each start costs seconds of CPU), put back to a new window's state before each test. */
	private static ChromeDriver shared;

	ChromeDriver browser;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("dashboard.data-dir", () -> data.toString());
		// a second migrator on its own file, for the page's selector (the same scripts: a second region, say)
		registry.add("migrator.instances.reporting.url", () -> "jdbc:sqlite:" + data.resolve("reporting.db"));
		registry.add("migrator.instances.reporting.locations", () -> "classpath:db/migration");
	}

	@BeforeEach
	void openBrowser() {
		Optional<Path> chromium = executable("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
		Optional<Path> driver = executable("CHROMEDRIVER", "chromedriver");
		Assumptions.assumeTrue(chromium.isPresent() && driver.isPresent(),
				"Skipped: no Chromium and chromedriver on the PATH. To run the browser test, install them"
						+ " (Debian: apt-get install chromium chromium-driver; .ci/run does it in CI) or point"
						+ " CHROME_BIN and CHROMEDRIVER at them.");
		if (shared == null) {
			ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile())
				.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,3400",
						"--force-prefers-reduced-motion");
			shared = new ChromeDriver(
					new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build(),
					options);
		}
		this.browser = shared;
		// what an earlier test set: the page, its cookies (session, CSRF token), the headers it sent, its size and colours
		this.browser.get("about:blank");
		this.browser.executeCdpCommand("Network.enable", Map.of());
		this.browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		this.browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
		this.browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
		this.browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 3400));
	}

	@AfterAll
	static void closeBrowser() {
		if (shared != null) {
			shared.quit();
			shared = null;
		}
	}

	@Test
	@Order(1)
	void everySectionShowsWhatTheEndpointSays() {
		open();
		Map<String, Object> json = new Http(this.port).get("/actuator/migrations").json();
		Map<String, Object> dashboard = map(json, "dashboard");

		assertThat(cell("overview-rows", "currentVersion")).startsWith((String) json.get("currentVersion"));
		assertThat(cell("overview-rows", "applied")).isEqualTo(String.valueOf(list(json, "applied").size()));
		assertThat(cell("overview-rows", "pending")).isEqualTo(String.valueOf(list(json, "pending").size()));
		assertThat(cell("overview-rows", "status")).isEqualTo("up to date");
		assertThat(versions("#history-rows tr")).containsExactlyElementsOf(
				Stream.concat(list(json, "applied").stream(), list(json, "pending").stream()).map((m) -> (String) m.get("version")).toList());
		assertThat(versions("#timeline-list li")).containsExactlyElementsOf(
				list(dashboard, "timeline").stream().map((t) -> (String) t.get("version")).toList());
		assertThat(versions("#timeline-list li.current")).containsExactly((String) json.get("currentVersion"));
		assertThat(cell("statistics-rows", "attempts")).isEqualTo(String.valueOf(map(dashboard, "statistics").get("attempts")));
		List<Map<String, Object>> plan = list(dashboard, "rollbackPlan");
		assertThat(versions("#rollback-rows tr")).containsExactlyElementsOf(plan.stream().map((r) -> (String) r.get("version")).toList());
		assertThat(this.browser.findElements(By.cssSelector("#backup-rows tr[data-id]"))).hasSize(list(json, "backups").size());
		assertThat(this.browser.findElements(By.cssSelector("#log-rows tr"))).hasSize(list(json, "log").size());
		assertThat(this.browser.findElement(By.id("actions")).isDisplayed()).as("the sample opens writes").isTrue();
		assertThat(this.browser.findElements(By.cssSelector("#backup-rows button[data-restore]")))
			.as("writes open: a Restore button per backup").hasSize(list(json, "backups").size());
	}

	@Test
	@Order(2)
	void anAnonymousRollbackIsRefusedAndChangesNothing() {
		declineLoginPrompts();
		open();
		String before = (String) new Http(this.port).get("/actuator/migrations").json().get("currentVersion");

		reviewAndConfirmRollbackOfOne();
		click("rollback-run");

		WebElement outcome = waitFor("#result [data-outcome]");
		assertThat(outcome.getAttribute("data-outcome")).isEqualTo("refused");
		assertThat(outcome.getText()).contains("HTTP 401");
		assertThat(new Http(this.port).get("/actuator/migrations").json().get("currentVersion")).isEqualTo(before);
	}

	@Test
	@Order(2)
	void anAnonymousRestoreIsRefusedAndChangesNothing() {
		declineLoginPrompts();
		open();
		List<String> before = new Http(this.port).get("/actuator/migrations").json().entrySet().stream()
			.filter((e) -> e.getKey().equals("currentVersion") || e.getKey().equals("backups"))
			.map(String::valueOf).toList();

		reviewAndConfirmRestoreOfTheNewestBackup();
		click("restore-run");

		WebElement outcome = waitFor("#restore-result [data-outcome]");
		assertThat(outcome.getAttribute("data-outcome")).isEqualTo("refused");
		assertThat(outcome.getText()).contains("HTTP 401");
		assertThat(new Http(this.port).get("/actuator/migrations").json().entrySet().stream()
			.filter((e) -> e.getKey().equals("currentVersion") || e.getKey().equals("backups"))
			.map(String::valueOf).toList()).as("no restore, no safety backup").isEqualTo(before);
	}

	@Test
	@Order(3)
	void theAdminDryRunsConfirmsAndRollsBackThenMigratesAgain() throws Exception {
		signInAsAdmin();
		open();
		String before = (String) new Http(this.port).get("/actuator/migrations").json().get("currentVersion");

		click("rollback-review");
		assertThat(this.browser.findElement(By.id("confirm")).isDisplayed()).isTrue();
		assertThat(this.browser.findElement(By.id("allow-data-loss")).isSelected()).as("never pre-ticked").isFalse();
		assertThat(this.browser.findElement(By.id("rollback-run")).isEnabled()).as("not before confirming").isFalse();
		assertThat(this.browser.findElement(By.id("confirm-report")).getText()).contains("This rolls back 1 migration");

		click("rollback-dry-run");
		WebElement dryRun = waitFor("#result [data-outcome]");
		assertThat(dryRun.getText()).startsWith("Dry run of rollback (nothing changed)");
		assertThat(new Http(this.port).get("/actuator/migrations").json().get("currentVersion")).isEqualTo(before);

		click("confirm-check");
		click("rollback-run");
		waiting().until((b) -> !"Dry run".equals(
				b.findElement(By.cssSelector("#result [data-outcome]")).getText().substring(0, 7)));
		WebElement rolledBack = waitFor("#result [data-outcome]");
		assertThat(rolledBack.getAttribute("data-outcome")).as(rolledBack.getText()).isEqualTo("done");
		Map<String, Object> after = new Http(this.port).get("/actuator/migrations").json();
		assertThat(after.get("currentVersion")).isNotEqualTo(before);
		assertThat(list(after, "pending")).extracting((m) -> m.get("version")).containsExactly(before);
		waiting()
			.until((b) -> b.findElements(By.cssSelector("#pending-rows tr[data-version]")).size() == 1);
		assertThat(cell("statistics-rows", "rollbacksPerformed")).startsWith("1");

		click("dry-run");
		waiting().until((b) -> b.findElement(By.id("result"))
			.getText()
			.startsWith("Dry run of migrate"));
		assertThat(new Http(this.port).get("/actuator/migrations").json().get("currentVersion"))
			.isEqualTo(after.get("currentVersion"));

		click("migrate");
		waiting()
			.until((b) -> b.findElement(By.id("result")).getText().startsWith("migrate: version"));
		waiting()
			.until((b) -> b.findElements(By.cssSelector("#pending-rows tr[data-version]")).isEmpty());
		assertThat(new Http(this.port).get("/actuator/migrations").json().get("currentVersion")).isEqualTo(before);
		screenshot();
	}

	@Test
	@Order(4)
	void onAPhoneInDarkModeThePageFitsAndIsDarkAndTheKeyboardReachesTheActions() {
		this.browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		this.browser.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
		open();

		Object overflow = this.browser.executeScript(
				"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).as("the page never scrolls sideways; wide tables scroll in their box")
			.isLessThanOrEqualTo(0);
		assertThat(this.browser.executeScript("return getComputedStyle(document.body).backgroundColor;"))
			.isEqualTo("rgb(13, 17, 23)");
		org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(this.browser);
		keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
		assertThat(this.browser.switchTo().activeElement().getText()).isEqualTo("Skip to the dashboard");
		boolean reached = false;
		for (int i = 0; i < 40 && !reached; i++) {
			keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
			reached = "rollback-review".equals(this.browser.switchTo().activeElement().getAttribute("id"));
		}
		assertThat(reached).as("Tab reaches 'Review the rollback'").isTrue();
	}

	@Test
	@Order(5)
	void theAdminRestoresABackupAfterConfirmingAndTheAnswerNamesTheSafetyBackup() {
		signInAsAdmin();
		open();
		String current = (String) new Http(this.port).get("/actuator/migrations").json().get("currentVersion");

		String id = reviewAndConfirmRestoreOfTheNewestBackup();
		click("restore-run");

		WebElement outcome = waitFor("#restore-result [data-outcome]");
		assertThat(outcome.getAttribute("data-outcome")).as(outcome.getText()).isEqualTo("done");
		assertThat(outcome.getText()).startsWith("Restored backup " + id);
		assertThat(this.browser.findElement(By.id("restore-result")).getText())
			.contains("The state before the restore is in backup", "(version " + current + ")");
		Map<String, Object> after = new Http(this.port).get("/actuator/migrations").json();
		assertThat(list(after, "backups")).hasSizeGreaterThan(1);
		assertThat(this.browser.findElement(By.id("restore-confirm")).isDisplayed()).isFalse();
	}

	@Test
	@Order(6)
	void withSeveralMigratorsTheSelectorShowsTheChosenOneAndItsActionsGoToIt() {
		signInAsAdmin();
		open();
		String defaultVersion = (String) new Http(this.port).get("/actuator/migrations").json().get("currentVersion");
		String reportingVersion = (String) new Http(this.port).get("/actuator/migrations/reporting").json()
			.get("currentVersion");
		assertThat(this.browser.findElement(By.id("instance-picker")).isDisplayed()).isTrue();
		Select picker = new Select(this.browser.findElement(By.id("instance")));
		assertThat(picker.getOptions()).extracting(WebElement::getText).containsExactly("default", "reporting");
		assertThat(picker.getFirstSelectedOption().getText()).isEqualTo("default");

		picker.selectByValue("reporting");
		waitFor("body[data-shown=reporting]");
		assertThat(this.browser.getCurrentUrl()).endsWith("#reporting");
		reviewAndConfirmRollbackOfOne();
		click("rollback-run");
		waiting()
			.until((b) -> b.findElements(By.cssSelector("#pending-rows tr[data-version]")).size() == 1);
		assertThat(waitFor("#result [data-outcome]").getAttribute("data-outcome")).isEqualTo("done");
		assertThat(list(new Http(this.port).get("/actuator/migrations/reporting").json(), "pending"))
			.extracting((m) -> m.get("version")).containsExactly(reportingVersion);
		assertThat(new Http(this.port).get("/actuator/migrations").json().get("currentVersion"))
			.as("the default migrator is untouched").isEqualTo(defaultVersion);

		String reportingAfter = (String) new Http(this.port).get("/actuator/migrations/reporting").json()
			.get("currentVersion");
		assertThat(reportingAfter).as("the two migrators now differ, so the page shows which one it reads")
			.isNotEqualTo(defaultVersion);
		assertThat(cell("overview-rows", "currentVersion")).startsWith(reportingAfter);

		this.browser.navigate().refresh();
		waitFor("body[data-shown=reporting]");
		assertThat(cell("overview-rows", "currentVersion")).startsWith(reportingAfter);
		assertThat(new Select(this.browser.findElement(By.id("instance"))).getFirstSelectedOption().getText())
			.as("the # keeps the choice").isEqualTo("reporting");
		new Select(this.browser.findElement(By.id("instance"))).selectByValue("");
		waitFor("body[data-shown=default]");
		assertThat(this.browser.getCurrentUrl()).doesNotContain("#");
		assertThat(cell("overview-rows", "currentVersion")).startsWith(defaultVersion);
	}

	/** Opens the confirmation of the first (newest) backup's Restore and ticks it; returns the backup's id. */
	private String reviewAndConfirmRestoreOfTheNewestBackup() {
		WebElement restore = waitFor("#backup-rows button[data-restore]");
		String id = restore.getAttribute("data-restore");
		restore.click();
		assertThat(this.browser.findElement(By.id("restore-run")).isEnabled()).as("not before confirming").isFalse();
		assertThat(this.browser.findElement(By.id("restore-report")).getText()).contains(id,
				"A safety backup of the current state is taken first");
		click("restore-check");
		return id;
	}

	private void reviewAndConfirmRollbackOfOne() {
		click("rollback-review");
		click("confirm-check");
	}

	/** Every request of this browser carries the admin's HTTP Basic credentials, as a signed-in browser's would. */
	private void signInAsAdmin() {
		String basic = Base64.getEncoder()
			.encodeToString(("admin:" + Http.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		this.browser.executeCdpCommand("Network.enable", Map.of());
		this.browser.executeCdpCommand("Network.setExtraHTTPHeaders",
				Map.of("headers", Map.of("Authorization", "Basic " + basic)));
	}

	/**
	 * A person would be asked for a password on the 401 and could cancel; headless Chromium waits on
	 * that prompt forever. Marked as a script's request, the 401 comes without the Basic challenge
	 * (Spring Security's entry point for X-Requested-With), as after a cancelled prompt.
	 */
	private void declineLoginPrompts() {
		this.browser.executeCdpCommand("Network.enable", Map.of());
		this.browser.executeCdpCommand("Network.setExtraHTTPHeaders",
				Map.of("headers", Map.of("X-Requested-With", "XMLHttpRequest")));
	}

	private void open() {
		this.browser.get("http://localhost:" + this.port + PAGE);
		waitFor("#overview-rows tr[data-key=currentVersion]");
	}

	private void click(String id) {
		this.browser.findElement(By.id(id)).click();
	}

	/**
	 * Up to 20 s for what the page shows next, looked for every 50 ms: Selenium's default look every
	 * 500 ms made each wait on the page's fetch cost up to half a second for nothing.
	 */
	private WebDriverWait waiting() {
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.pollingEvery(Duration.ofMillis(50));
		return wait;
	}

	private WebElement waitFor(String css) {
		return waiting()
			.until((b) -> b.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
	}

	private String cell(String tbody, String key) {
		return this.browser.findElement(By.cssSelector("#" + tbody + " tr[data-key=" + key + "] td")).getText();
	}

	private List<String> versions(String css) {
		return this.browser.findElements(By.cssSelector(css)).stream().map((e) -> e.getAttribute("data-version")).toList();
	}

	/** The page as the admin left it, for the README and docs/SPRING-BOOT.md. */
	private void screenshot() throws Exception {
		this.browser.navigate().refresh();
		waitFor("#overview-rows tr[data-key=currentVersion]");
		Path shot = this.browser.getScreenshotAs(OutputType.FILE).toPath();
		assertThat(Files.size(shot)).isPositive();
		Files.copy(shot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
		// the docs' image is replaced only on request, so that a test run leaves the working tree clean:
		// mvn -B -pl sample-app -am verify -Dtest=DashboardBrowserTests -Dmigrator.docs.screenshot=true
		Path docs = Path.of("..", "docs", "images");
		if (Boolean.getBoolean("migrator.docs.screenshot") && Files.isDirectory(docs.getParent())) {
			Files.createDirectories(docs);
			Files.copy(shot, docs.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> json, String key) {
		return (Map<String, Object>) json.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> json, String key) {
		return (List<Map<String, Object>>) json.get(key);
	}

	private static Optional<Path> executable(String variable, String... names) {
		String configured = System.getenv(variable);
		if (configured != null && Files.isExecutable(Path.of(configured))) {
			return Optional.of(Path.of(configured));
		}
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.flatMap((dir) -> Stream.of(names).map((name) -> Path.of(dir, name)))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
