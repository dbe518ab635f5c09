using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CampaignEngine.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.BrowserTests;

/// <summary>
/// Nurlan's own page on his phone (journeys.md, Nurlan 6), played by Talant: he opens it from last month's appeal,
/// sees his certificate there, turns SMS off and asks for at most one message a month; of the next two appeals the first reaches him and the second
/// skips him (the audience preview counted him as capped); once the administration approves his contribution he
/// downloads its receipt from the page, and it checks as genuine offline with the published key and on /verify.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class MyPageJourneyTests(BrowserHost fixture)
{
    private static readonly TimeSpan DispatchTimeout = TimeSpan.FromSeconds(60);

    // A Talas native in Canada, the Talas module's audience, which no other browser test writes to.
    private const string Name = "Талант Бекмуратов";
    private const string Phone = "+14165550123";
    private const string Email = "talant.bekmuratov@example.org";

    [SkippableFact]
    public async Task A_person_steers_their_messages_from_their_page_and_proves_a_receipt_genuine_offline_and_online()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var person = Seed();
        using var admin = Api(HostProcess.AdminApiKey);

        // He holds a letter of gratitude, and last month's appeal came by e-mail with his page's link (links.me).
        var serial = (await ReadAsync(await admin.PostAsJsonAsync("/api/certificates",
            new { compatriotId = person, moduleId = "talas", kind = "gratitude", reason = "Талас мектебине салымы үчүн" }))).GetProperty("serial").GetString()!;
        var lastMonth = await CreateAsync(admin, "Talas last month " + Guid.NewGuid().ToString("N")[..6], ["email"]);
        await LaunchAndDispatchAsync(admin, lastMonth);
        var myPage = await PersonalLinkAsync(lastMonth);
        // The cap counts this calendar month's messages: that appeal is dated to last month, as it was in Nurlan's story.
        Execute("UPDATE send_message SET sent_at = @at WHERE campaign_id = @lastMonth",
            new { at = new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-10).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture), lastMonth });

        await using var phone = await fixture.NewPhoneContextAsync(390, 844);
        var page = await phone.NewPageAsync();
        await page.GotoAsync(myPage);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ky");
        await Expect(page.Locator($"#certificates [data-serial='{serial}']")).ToBeVisibleAsync();
        Assert.Empty(await ChoicesApartFromTheirWordsAsync(page));
        await page.UncheckAsync("#channel-sms");
        await page.FillAsync("#MaxPerMonth", "1");
        await page.ClickAndWaitForNextPageAsync("#preferences form button[type=submit]");
        await Expect(page.Locator("#saved")).ToBeVisibleAsync();
        await Expect(page.Locator("#channel-sms")).Not.ToBeCheckedAsync();

        // Two appeals of his module: the first reaches him (by e-mail now, SMS is off), the second finds his month used up.
        var first = await CreateAsync(admin, "Talas one " + Guid.NewGuid().ToString("N")[..6]);
        await LaunchAndDispatchAsync(admin, first);
        Assert.Equal(("sent", "email", null), Ledger(first, person));
        var second = await CreateAsync(admin, "Talas two " + Guid.NewGuid().ToString("N")[..6]);
        var audience = await ReadAsync(await admin.GetAsync($"/api/campaigns/{second}/audience"));
        Assert.Equal(1, audience.GetProperty("capped").GetInt64());
        await LaunchAndDispatchAsync(admin, second);
        Assert.Equal(("skipped", "email", "capped"), Ledger(second, person));

        // The administration records his transfer and a second officer approves it: a receipt appears on his page.
        var fulfilment = await ApprovedFulfilmentAsync(admin, person);
        await page.GotoAsync(myPage);
        var receiptLink = page.Locator($"#receipts [data-fulfilment='{fulfilment}'] a.receipt");
        await Expect(receiptLink).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "me-phone");
        var download = await page.RunAndWaitForDownloadAsync(() => receiptLink.ClickAsync());
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "me-journey-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var pdf = Path.Combine(folder, "receipt.pdf");
        await download.SaveAsAsync(pdf);

        // Offline: the product's own verifier, with nothing but the PDF and the published keys.
        var keys = Path.Combine(folder, "issuers.json");
        await File.WriteAllTextAsync(keys, await admin.GetStringAsync("/.well-known/campaign-engine/issuers.json"));
        var (exit, output) = await VerifyOfflineAsync(folder, pdf, keys);
        Assert.True(exit == 0, output);
        Assert.Matches(@"^valid: TLR-\d{4}-\d{6}", output);
        Assert.Contains("1 500 KGS", output, StringComparison.Ordinal);
        var payload = PayloadLine().Match(output).Groups[1].Value;

        // Online: the code pasted on /verify (answered in the paper's language), then the same code with the amount raised.
        await page.GotoAsync("/verify");
        await page.FillAsync("#serial", payload);
        await page.ClickAndWaitForNextPageAsync("form[action='/verify'] button[type=submit]");
        await Expect(page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "valid");
        await Expect(page.Locator("[data-status]")).ToContainTextAsync("Квитанция жарактуу");
        await Expect(page.Locator("dd.attested").First).ToContainTextAsync("1 500 KGS");
        await page.GotoAsync("/verify");
        await page.FillAsync("#serial", payload.Replace("1 500 KGS", "15 000 KGS", StringComparison.Ordinal));
        await page.ClickAndWaitForNextPageAsync("form[action='/verify'] button[type=submit]");
        await Expect(page.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "tampered");
        Directory.Delete(folder, recursive: true);
    }

    [GeneratedRegex(@"^\s*payload:\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex PayloadLine();

    [GeneratedRegex(@"https?://[^\s/]+/me/[0-9a-f]{32}")]
    private static partial Regex PersonalLink();

    /// <summary>Talant, with a phone and an e-mail address and consent to SMS and e-mail.</summary>
    private long Seed()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.Host.DatabasePath}");
        connection.Open();
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        return Dapper.SqlMapper.ExecuteScalar<long>(connection, """
            INSERT INTO directory_compatriot (external_id, full_name, gender, birth_year, home_region, country, time_zone, language,
                phone, email, consent_whatsapp, consent_telegram, consent_sms, consent_email, created_at, updated_at)
            VALUES (@externalId, @Name, 'male', 1988, 'KG-T', 'CA', 'America/Toronto', 'ky', @Phone, @Email, 0, 0, 1, 1, @now, @now)
            RETURNING id
            """, new { externalId = "browser-me-" + Guid.NewGuid().ToString("N"), Name, Phone, Email, now });
    }

    private void Execute(string sql, object parameters)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.Host.DatabasePath}");
        connection.Open();
        Dapper.SqlMapper.Execute(connection, sql, parameters);
    }

    /// <summary>His page's address, as the delivery message in the file outbox writes it out (<c>links.me</c>).</summary>
    private async Task<string> PersonalLinkAsync(long campaignId)
    {
        var folder = Path.Combine(fixture.Host.OutboxPath, $"campaign-{campaignId}");
        var deadline = DateTime.UtcNow + DispatchTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(folder))
                foreach (var file in Directory.EnumerateFiles(folder, "*.txt"))
                    if (PersonalLink().Match(await File.ReadAllTextAsync(file)) is { Success: true } link) return link.Value;
            await Task.Delay(250);
        }
        throw new TimeoutException($"No /me/ link in {folder} after {DispatchTimeout.TotalSeconds} s.");
    }

    /// <summary>An appeal of the Talas module to its audience, on <paramref name="channels"/> (all, in the product's order, by default).</summary>
    private static async Task<long> CreateAsync(HttpClient admin, string name, string[]? channels = null) =>
        (await ReadAsync(await admin.PostAsJsonAsync("/api/campaigns",
            new { moduleId = "talas", name, template = "appeal", window = new { from = "00:00", to = "24:00" }, channels = channels ?? ["whatsapp", "telegram", "sms", "email"] })))
            .GetProperty("id").GetInt64();

    private async Task LaunchAndDispatchAsync(HttpClient admin, long campaignId)
    {
        await ReadAsync(await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/launch", new { }));
        using var api = new CampaignApi(fixture.Host);
        await api.WaitUntilDispatchedAsync(campaignId, DispatchTimeout);
    }

    /// <summary>The ledger's row of the campaign for the person: its status, channel and error.</summary>
    private (string Status, string Channel, string? Error) Ledger(long campaignId, long person)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={fixture.Host.DatabasePath};Mode=ReadOnly");
        connection.Open();
        return Dapper.SqlMapper.QuerySingle<(string, string, string?)>(connection,
            "SELECT status, channel, error FROM send_message WHERE campaign_id = @campaignId AND compatriot_id = @person", new { campaignId, person });
    }

    /// <summary>1,500 som pledged and received (recorded by the admin, approved by a second officer, four eyes); the fulfilment's id.</summary>
    private async Task<long> ApprovedFulfilmentAsync(HttpClient admin, long person)
    {
        var login = "approver-" + Guid.NewGuid().ToString("N")[..6];
        var user = (await ReadAsync(await admin.PostAsJsonAsync("/api/users", new { login, password = "approver-password-1", role = "officer" }))).GetProperty("id").GetInt64();
        var key = (await ReadAsync(await admin.PostAsJsonAsync($"/api/users/{user}/api-keys", new { }))).GetProperty("key").GetString()!;
        var pledge = (await ReadAsync(await admin.PostAsJsonAsync("/api/pledges", new { compatriotId = person, kind = "money", amount = 1500, currency = "KGS" })))
            .GetProperty("id").GetInt64();
        var fulfilment = (await ReadAsync(await admin.PostAsJsonAsync($"/api/pledges/{pledge}/fulfilments", new { amount = 1500, evidence = "Optima 55012" })))
            .GetProperty("id").GetInt64();
        using var approver = Api(key);
        await ReadAsync(await approver.PostAsJsonAsync($"/api/fulfilments/{fulfilment}/approve", new { }));
        return fulfilment;
    }

    /// <summary>The host's own <c>verify</c> command, run as a process as a verifier would run it: exit code and output.</summary>
    private static async Task<(int ExitCode, string Output)> VerifyOfflineAsync(string folder, string pdf, string keys)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { RepositoryPaths.WebAssembly, "verify", pdf, "--keys", keys }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private HttpClient Api(string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    /// <summary>
    /// The choices (channels, sectors) whose box sits on another line than the first line of its words: on a phone a long
    /// Kyrgyz sector name once wrapped whole below its box, leaving an unlabelled box in the list.
    /// </summary>
    private static Task<string[]> ChoicesApartFromTheirWordsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('.choices label:has(input)')].filter(label => {
            const box = label.querySelector('input').getBoundingClientRect();
            const words = document.createRange();
            words.selectNodeContents(label);
            words.setStartAfter(label.querySelector('input'));
            const first = [...words.getClientRects()].find(r => r.width > 0 && r.height > 0);
            return first && (first.top >= box.bottom || first.bottom <= box.top);
        }).map(label => label.textContent.trim())
        """);
}
