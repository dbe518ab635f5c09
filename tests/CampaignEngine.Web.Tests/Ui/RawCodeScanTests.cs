using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Ui;

/// <summary>
/// No stored code reaches a Kyrgyz or Russian reader as it is stored. Each role's staff pages are crawled in ky and ru
/// on demo data that went through a send, pledges, a fulfilment, a nomination and certificates delivered to their
/// holders (a system campaign), and the visible text is searched for every code of <see cref="Vocabularies"/>, every
/// module id, the names the host gave its system campaigns as stored, and the English words of those vocabularies
/// that Kyrgyz and Russian say otherwise. What people typed
/// (names, organisations, cities, appeal names) is data, not interface, and is taken out of the text first.
/// </summary>
public sealed partial class RawCodeScanTests(RawCodeScanTests.SeededHost fixture) : IClassFixture<RawCodeScanTests.SeededHost>
{
    public sealed class SeededHost : IAsyncLifetime
    {
        // Eight crawls from one address open the demo projects' public pages, which share the public limit per address
        // with the sign-in form: raised here, so the crawls do not lock each other out.
        public TestHost Host { get; } = new(demo: true, demoCompatriots: 300) { Settings = { ["RateLimits:PublicPerMinute"] = "100000" } };
        public long Organization { get; private set; }

        public async Task InitializeAsync()
        {
            var admin = Host.AdminClient();
            Organization = TestCompatriots.Scalar(Host, "SELECT id FROM directory_organization ORDER BY id LIMIT 1");
            var person = TestCompatriots.Insert(Host, new TestCompatriot("Айгүл Өмүрбекова", "female", "KG-Y", "AE", Phone: "+971501230001",
                Channels: "whatsapp", OrganizationId: Organization));
            var campaign = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Көлдөгү мектеп үчүн" }, HttpStatusCode.Created))["id"]!;
            await admin.PostJson($"/api/campaigns/{campaign}/launch", new { }, HttpStatusCode.Accepted);
            await Eventually.True(async () => (long)(await admin.GetJson($"/api/campaigns/{campaign}"))["counts"]!["pending"]! == 0);
            await admin.PostJson("/api/campaigns", new { moduleId = "naryn", name = "Нарындагы суу" }, HttpStatusCode.Created);

            var money = (long)(await admin.PostJson("/api/pledges",
                new { compatriotId = person, campaignId = campaign, kind = "money", amount = 700, currency = "USD" }, HttpStatusCode.Created))["id"]!;
            await admin.PostJson("/api/pledges", new { compatriotId = person, kind = "time", hours = 12 }, HttpStatusCode.Created);
            var users = Host.Services.GetRequiredService<Features.Auth.UserStore>();
            var recorder = Host.ClientWithKey(users.CreateApiKey(Security.Users.Create(Host, "scan-recorder", "officer")).Key);
            await recorder.PostJson($"/api/pledges/{money}/fulfilments", new { amount = 200, currency = "USD", evidence = "банк 1" }, HttpStatusCode.Created);
            var leader = Host.ClientWithKey(users.CreateApiKey(Security.Users.Create(Host, "scan-leader", "leader", null, Organization)).Key);
            await leader.PostJson("/api/certificates/nominations", new { compatriotId = person, kind = "honorary", reason = "Мектепке жардам" }, HttpStatusCode.Created);
            await admin.PostJson("/api/certificates", new
            {
                compatriotId = person, moduleId = "issyk-kul", kind = "gratitude", reason = "Мектепке компьютер бергени үчүн", deliverToHolder = true,
            }, HttpStatusCode.Created);
        }

        public Task DisposeAsync()
        {
            Host.Dispose();
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData("admin", "ky")]
    [InlineData("admin", "ru")]
    [InlineData("officer", "ky")]
    [InlineData("officer", "ru")]
    [InlineData("oblast", "ky")]
    [InlineData("oblast", "ru")]
    [InlineData("leader", "ky")]
    [InlineData("leader", "ru")]
    public async Task No_stored_code_or_English_word_of_a_vocabulary_reaches_a_Kyrgyz_or_Russian_page(string role, string language)
    {
        var client = await SignInAsync(role);
        await client.GetAsync("/?lang=" + language);
        var codes = RawCodes();
        var data = Data().Where(value => codes.All(c => c.Code != value)).ToList();
        var found = new List<string>();

        var pages = await StaffCrawl.WalkAsync(client, page =>
        {
            if (page.Html is null) return Task.CompletedTask;
            var text = data.Aggregate(VisibleText.Of(page.Html, language), (t, value) => t.Replace(value, " ", StringComparison.Ordinal));
            foreach (var (code, pattern) in codes)
                if (pattern.Match(text) is { Success: true } m)
                    found.Add($"{page.Url}: '{code}' in \"…{Around(text, m.Index)}…\"");
            return Task.CompletedTask;
        }, maxPages: 160, perShape: 3);

        Assert.True(found.Count == 0, $"{role} reads raw codes on {language} pages:\n" + string.Join('\n', found.Take(80)));
        Assert.True(pages > 8, $"the crawl of {role}'s pages found only {pages} kinds of page");
    }

    /// <summary>
    /// Every vocabulary the product declares: a public static <see cref="CodeVocabulary"/> anywhere in the web project, in
    /// the shared list or beside a feature's own code, so a vocabulary is watched from the day it is written.
    /// </summary>
    private static readonly IReadOnlyList<CodeVocabulary> AllVocabularies = typeof(CodeVocabulary).Assembly.GetTypes()
        .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(field => field.FieldType == typeof(CodeVocabulary))
        .Select(field => (CodeVocabulary)field.GetValue(null)!).ToList();

    [Fact]
    public void Every_code_of_every_vocabulary_has_its_own_words_in_Kyrgyz_Russian_and_English()
    {
        // The 22 vocabularies the pages said codes through when the list moved from one class to the features.
        Assert.True(AllVocabularies.Count >= 22, $"only {AllVocabularies.Count} vocabularies found");
        var texts = fixture.Host.Services.GetRequiredService<UiText>();
        var missing = AllVocabularies.SelectMany(v => v.Codes.Select(v.KeyOf))
            .SelectMany(key => new[] { "ky", "ru", "en" }.Where(l => !texts.Keys(l).Contains(key)).Select(l => $"{key} ({l})"))
            .ToList();
        Assert.True(missing.Count == 0, "vocabulary codes without their words: " + string.Join(", ", missing));
    }

    /// <summary>The audit log reads its actions through the vocabulary, so an action recorded anywhere in the code must be in it.</summary>
    [Fact]
    public void Every_audit_action_the_code_records_is_in_the_audit_vocabulary()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CampaignEngine.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var recorded = Directory.EnumerateFiles(Path.Combine(root!.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => AuditRecord().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).ToList();

        Assert.True(recorded.Count > 20, $"only {recorded.Count} audit actions found: the pattern no longer matches the code");
        var unknown = recorded.Where(action => !Vocabularies.AuditActions.Codes.Contains(action)).ToList();
        Assert.True(unknown.Count == 0, "audit actions without words: " + string.Join(", ", unknown));
    }

    [GeneratedRegex(@"audit\.Record(?:Async)?\([^""]*""([a-z][a-z._-]+)""")]
    private static partial Regex AuditRecord();

    [Fact]
    public void The_visible_text_leaves_out_attributes_urls_code_and_text_marked_as_another_language()
    {
        const string html = """
            <html lang="ru"><head><title>Кампании</title><script>var s = "pending";</script></head>
            <body><a href="/campaigns?status=pending" title="sent">Ожидает</a> <code>pledge.record</code>
            <pre>external_id,full_name</pre><a href="?lang=en" lang="en">English</a> http://localhost/verify/sent
            <p>failed</p><span translate="no">officer</span></body></html>
            """;

        var text = VisibleText.Of(html, "ru");

        Assert.Contains("Ожидает", text, StringComparison.Ordinal);
        Assert.Contains("failed", text, StringComparison.Ordinal);
        foreach (var hidden in new[] { "pending", "sent", "pledge.record", "external_id", "English", "localhost", "officer" })
            Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
    }

    /// <summary>The codes as stored (exact case) and the English-only words of the vocabularies (any case), as whole words.</summary>
    private List<(string Code, Regex Pattern)> RawCodes()
    {
        var texts = fixture.Host.Services.GetRequiredService<UiText>();
        var modules = fixture.Host.Services.GetRequiredService<ModuleRegistry>().Enabled.Select(m => m.Manifest).ToList();
        var codes = AllVocabularies.SelectMany(v => v.Codes).Concat(modules.Select(m => m.Id)).Concat(SystemCampaignNames()).Distinct(StringComparer.Ordinal);
        var english = AllVocabularies.SelectMany(v => v.Codes.Select(v.KeyOf))
            .Select(key => (En: texts.Get("en", key), Ru: texts.Get("ru", key), Ky: texts.Get("ky", key)))
            .Concat(modules.Select(m => (m.Name.En, m.Name.Ru, m.Name.Ky)))
            .Where(t => !string.Equals(t.En, t.Ru, StringComparison.OrdinalIgnoreCase) && !string.Equals(t.En, t.Ky, StringComparison.OrdinalIgnoreCase))
            .Select(t => t.En).Where(w => !w.Contains('{', StringComparison.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase);
        return codes.Select(c => (c, Word(c, RegexOptions.None)))
            .Concat(english.Select(w => (w, Word(w, RegexOptions.IgnoreCase))))
            .ToList();
    }

    // A code is a whole token: "sent" is not found in "sentence", nor "pledge" in "pledge.record".
    private static Regex Word(string value, RegexOptions options) =>
        new($@"(?<![\p{{L}}\p{{N}}_.\-]){Regex.Escape(value)}(?![\p{{L}}\p{{N}}_\-]|\.[\p{{L}}\p{{N}}])", options | RegexOptions.CultureInvariant);

    /// <summary>The names the host gives its own campaigns (certificate delivery, reminders) as stored: in English.</summary>
    private List<string> SystemCampaignNames()
    {
        using var connection = new SqliteConnection($"Data Source={fixture.Host.DatabasePath}");
        return connection.Query<string>("SELECT name FROM campaign WHERE purpose <> 'appeal'").ToList();
    }

    /// <summary>What people typed: names, organisations, cities, villages, appeal names, project titles, reasons, what they wrote to the desk.</summary>
    private List<string> Data()
    {
        using var connection = new SqliteConnection($"Data Source={fixture.Host.DatabasePath}");
        return connection.Query<string>("""
                SELECT full_name FROM directory_compatriot UNION SELECT city FROM directory_compatriot
                UNION SELECT village FROM directory_compatriot UNION SELECT name FROM directory_organization
                UNION SELECT city FROM directory_organization UNION SELECT name FROM campaign WHERE purpose = 'appeal'
                UNION SELECT text FROM response_thread_message UNION SELECT last_message FROM response_thread
                """)
            .Where(v => v is { Length: >= 3 }).OrderByDescending(v => v.Length).ToList();
    }

    private static string Around(string text, int at)
    {
        var from = Math.Max(0, at - 40);
        return Regex.Replace(text.Substring(from, Math.Min(text.Length - from, 90)), @"\s+", " ");
    }

    private async Task<HttpClient> SignInAsync(string role)
    {
        var login = $"{role}-scan-{Guid.NewGuid():N}"[..20];
        Security.Users.Create(fixture.Host, login, role, role == "oblast" ? "KG-Y" : null, role == "leader" ? fixture.Organization : null);
        return await Security.Users.SignInAsync(fixture.Host, login);
    }
}
