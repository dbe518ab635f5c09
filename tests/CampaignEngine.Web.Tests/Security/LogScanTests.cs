using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>
/// A full flow with every log entry captured at Trace: import → launch → dispatch → tracked link → pledge →
/// fulfil and approve → certificate and its verification → export and erasure, with sign-ins, a password change
/// and a new API key on the way. No name, phone, e-mail, link token, password or API key may appear in any of it.
/// </summary>
public sealed class LogScanTests : IDisposable
{
    private static readonly (string Name, string Phone, string Email)[] People =
    [
        ("Жылдызкан Логтекшерова", "+971501239876", "zhyldyzkan.logcheck@example.org"),
        ("Бакытбек Журналбаев", "+971552224466", "bakytbek.journal@example.org"),
        ("Aidana Logscanova", "+971563337788", "aidana.logscan@example.org"),
    ];
    private const string OfficerPassword = "officer-secret-Passw0rd";
    private const string WrongPassword = "typed-by-mistake-Secret9";
    private const string NewPassword = "changed-secret-Passw0rd";

    private readonly CapturingLoggerProvider _logs = new();
    private readonly ITestOutputHelper _output;
    private readonly TestHost _host;

    public LogScanTests(ITestOutputHelper output)
    {
        _output = output;
        _host = new TestHost
        {
            Settings = { ["RateLimits:PublicPerMinute"] = "100000" },
            Customize = builder => builder.ConfigureLogging(logging =>
            {
                logging.AddProvider(_logs);
                // Everything at Trace for this provider, except the framework categories the product itself holds back.
                logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
                foreach (var (category, level) in LogPrivacy.QuietCategories) logging.AddFilter<CapturingLoggerProvider>(category, level);
            }),
        };
    }

    [Fact]
    public async Task A_full_flow_logs_no_personal_data_and_no_secrets()
    {
        var admin = _host.AdminClient();
        var secrets = new List<string> { TestHost.AdminKey, OfficerPassword, WrongPassword, NewPassword, "admin-password-for-tests" };
        foreach (var (name, phone, email) in People)
            secrets.AddRange([name, .. name.Split(' '), phone, phone.TrimStart('+'), email]);

        // Import, with one bad row whose values must not be echoed into the log either.
        var csv = new StringBuilder("external_id,full_name,gender,birth_year,home_region,district,village,country,city,language,years_abroad,willing,interests,sectors,organization,email,phone,telegram,channels\n");
        for (var i = 0; i < People.Length; i++)
            csv.Append(CultureInfo.InvariantCulture, $"log-{i},{People[i].Name},ж,1991,KG-Y,,,AE,Dubai,ky,3-5,yes,,,,{People[i].Email},{People[i].Phone},,whatsapp;email\n");
        csv.Append("log-bad,Сырдаш Жашыруун,??,1991,KG-Y,,,AE,Dubai,ky,3-5,yes,,,,sirdash@example.org,+971500000001,,whatsapp\n");
        secrets.AddRange(["Сырдаш Жашыруун", "sirdash@example.org", "+971500000001"]);
        var import = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())) { Headers = { ContentType = new("text/csv") } }, "file", "people.csv" } };
        var imported = await admin.PostAsync("/api/compatriots/import", import);
        Assert.Equal(People.Length, (int)(await imported.ReadNode())["imported"]!);

        // Staff: an officer signs in (once with a wrong password), changes the password, gets a key.
        var officerId = Users.Create(_host, "log-officer", "officer");
        await SetPassword(officerId, OfficerPassword);
        var browser = _host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await SignIn(browser, "log-officer", WrongPassword);
        await SignIn(browser, "log-officer", OfficerPassword);
        var officerKey = (string)(await admin.PostJson($"/api/users/{officerId}/api-keys", new { label = "log test" }, HttpStatusCode.Created))["key"]!;
        secrets.Add(officerKey);
        var officer = _host.ClientWithKey(officerKey);
        Assert.Equal(HttpStatusCode.NoContent,
            (await officer.PostAsJsonAsync("/api/account/password", new { currentPassword = OfficerPassword, newPassword = NewPassword })).StatusCode);

        // Launch and dispatch: the file outbox writes each message.
        var campaign = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Log scan", window = new { from = "00:00", to = "24:00" } }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/campaigns/{campaign}/launch", new { }, HttpStatusCode.Accepted);
        using var db = new SqliteConnection($"Data Source={_host.DatabasePath}");
        db.Open();
        await Eventually.True(() => Task.FromResult(db.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM send_message WHERE campaign_id = @campaign AND status IN ('sent', 'delivered')", new { campaign }) >= People.Length), 60);
        var tokens = db.Query<string>("SELECT token FROM send_message WHERE campaign_id = @campaign", new { campaign }).ToList();
        secrets.AddRange(tokens);
        var token = tokens[0];
        var personId = db.ExecuteScalar<long>("SELECT compatriot_id FROM send_message WHERE token = @token", new { token });

        // The compatriot opens the link and pledges; staff record money arriving, another person approves.
        var anonymous = _host.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/r/{token}")).StatusCode);
        await anonymous.PostJson($"/r/{token}/pledge", new { kind = "money", amount = 600, currency = "USD" }, HttpStatusCode.Created);
        var pledge = db.ExecuteScalar<long>("SELECT id FROM pledge WHERE compatriot_id = @personId", new { personId });
        var fulfilment = (long)(await officer.PostJson($"/api/pledges/{pledge}/fulfilments", new { amount = 600, currency = "USD", evidence = "bank ref LOG-1" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/fulfilments/{fulfilment}/approve", new { }, HttpStatusCode.OK);

        // A certificate, verified online and as a PDF; then the person asks for their data and to be erased.
        var serial = (string)(await admin.PostJson("/api/certificates",
            new { compatriotId = personId, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "Салым үчүн" }, HttpStatusCode.Created))["serial"]!;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/verify/{serial}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/certificates/{serial}/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/certificates/{serial}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/compatriots/{personId}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"/u/{tokens[1]}", null)).StatusCode);
        Assert.True((await admin.DeleteAsync($"/api/compatriots/{personId}")).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/r/{token}")).StatusCode);
        // Let the background jobs (dispatch, module events) finish and write what they log.
        await HangfireIdle.NothingRunningAsync(_host);
        await ModuleEventWaits.HandledAsync(_host);

        var entries = _logs.Entries.ToList();
        _output.WriteLine($"{entries.Count} log entries captured");
        Assert.True(entries.Count > 100, "the capture should see the whole flow");
        var leaks = entries
            .SelectMany(e => secrets.Where(s => e.Text.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => (Secret: s, Entry: e)))
            .Select(l => $"'{l.Secret}' in {l.Entry.Category} ({l.Entry.Level}): {Excerpt(l.Entry.Text)}")
            .Distinct()
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log entries hold personal data or secrets:\n" + string.Join("\n", leaks.Take(40)));
    }

    private async Task SetPassword(long userId, string password)
    {
        // Through the API as the user, from the fixed test password: the change itself must not be logged either.
        var users = (Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<CampaignEngine.Web.Features.Auth.UserStore>(_host.Services));
        Assert.Equal(CampaignEngine.Web.Features.Auth.PasswordOutcome.Accepted, users.ChangePassword(userId, Users.Password, password));
        await Task.CompletedTask;
    }

    private static async Task SignIn(HttpClient browser, string login, string password) =>
        await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login, ["Password"] = password, ["__RequestVerificationToken"] = Users.Token(await browser.GetStringAsync("/account/login")),
        }));

    private static string Excerpt(string text) => text.Length > 400 ? text[..400] + "…" : text;

    public void Dispose() => _host.Dispose();
}
