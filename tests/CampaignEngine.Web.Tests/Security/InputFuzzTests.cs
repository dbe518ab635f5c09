using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Xunit.Abstractions;

namespace CampaignEngine.Web.Tests.Security;

public sealed class InputFuzzTestsOnSqlite(ITestOutputHelper output) : InputFuzzTests(TestHost.Sqlite, output);

public sealed class InputFuzzTestsOnPostgreSql(ITestOutputHelper output) : InputFuzzTests(TestHost.PostgreSql, output);

/// <summary>
/// Ten thousand generated bad inputs to the import, pledge (public form and JSON), campaign and certificate
/// endpoints: never a 500, a refused input changes no table, a 400 names the field, and an import writes
/// exactly the rows it reports as imported.
/// </summary>
public abstract class InputFuzzTests(string engine, ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_261_124;
    private const int Inputs = 10_000;
    private const string CsvHeader = "external_id,full_name,gender,birth_year,home_region,district,village,country,city,language,years_abroad,willing,interests,sectors,organization,email,phone,telegram,channels";
    private static readonly string[] Tables =
        ["directory_compatriot", "directory_consent_event", "campaign", "send_message", "pledge", "pledge_fulfilment", "certificate", "certificate_job", "certificate_nomination"];

    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "1000000" } };

    private sealed record Target(string Name, int Weight, Func<FuzzInputs, HttpRequestMessage> Build, bool Json = true);

    [SkippableFact]
    public async Task Ten_thousand_bad_inputs_get_no_500_and_leave_nothing_half_written()
    {
        var admin = _host.AdminClient();
        var person = TestCompatriots.Insert(_host, new("Fuzz Target", "female", "KG-Y", "AE", Phone: "+971501234567"));
        var launched = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Fuzz" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/campaigns/{launched}/launch", new { }, HttpStatusCode.Accepted);
        var draft = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Draft" }, HttpStatusCode.Created))["id"]!;
        var serial = (string)(await admin.PostJson("/api/certificates",
            new { compatriotId = person, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "x" }, HttpStatusCode.Created))["serial"]!;
        using var db = _host.OpenDatabase();
        var token = db.ExecuteScalar<string>("SELECT token FROM send_message LIMIT 1")!;

        // The public form needs its anti-forgery token and cookie, as a browser would have them.
        var browser = _host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var formToken = Users.Token(await browser.GetStringAsync($"/r/{token}"));
        // The form's token works, so the refusals below are the handler's, not the anti-forgery check's.
        var good = await browser.PostAsync($"/r/{token}/pledge", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = formToken, ["Kind"] = "money", ["Amount"] = "5", ["Currency"] = "USD",
        }));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);

        Target[] targets =
        [
            new("import", 15, f => Multipart(f.Csv(CsvHeader, row => $"fz-{f.Next(1_000_000)},Айгүл Fuzz,ж,1990,KG-Y,,,AE,Dubai,ky,3-5,yes,,,,,+97150{f.Next(1_000_000):D7},,whatsapp"))),
            new("pledge json", 20, f => Json($"/r/{token}/pledge", f, new() { ["kind"] = "money", ["amount"] = 10, ["currency"] = "USD" })),
            new("pledge form", 15, f => Form($"/r/{token}/pledge", f, formToken), Json: false),
            new("staff pledge", 8, f => Json("/api/pledges", f, new() { ["compatriotId"] = person, ["kind"] = "time", ["hours"] = 4, ["contributionType"] = "training" })),
            new("campaign create", 10, f => Json("/api/campaigns", f, new()
            {
                ["moduleId"] = "issyk-kul", ["name"] = "Fuzz", ["channels"] = new JsonArray("whatsapp"),
                ["segment"] = new JsonObject { ["countries"] = new JsonArray("AE"), ["genders"] = new JsonArray("female") },
                ["window"] = new JsonObject { ["from"] = "09:00", ["to"] = "20:00" },
            })),
            new("campaign update", 5, f => Json($"/api/campaigns/{draft}", f, new() { ["moduleId"] = "issyk-kul", ["name"] = "Renamed" }, HttpMethod.Put)),
            new("campaign launch", 3, f => Json($"/api/campaigns/{draft}/launch", f, new() { ["at"] = "2031-01-01T09:00:00Z" })),
            new("certificate issue", 12, f => Json("/api/certificates", f, new()
            {
                ["compatriotId"] = person, ["moduleId"] = "issyk-kul", ["kind"] = "gratitude", ["language"] = "ky", ["reason"] = "Салым үчүн",
            })),
            new("certificate batch", 4, f => Json("/api/certificates/batch", f, new()
            {
                ["compatriotIds"] = new JsonArray(person), ["moduleId"] = "issyk-kul", ["kind"] = "honorary", ["language"] = "ru", ["reason"] = "За вклад",
            })),
            new("certificate revoke", 3, f => Json($"/api/certificates/{serial}/revoke", f, new() { ["reason"] = "mistake" })),
            new("certificate bulk", 5, f => Json("/api/certificates/bulk", f, new() { ["moduleId"] = "issyk-kul", ["kind"] = "gratitude", ["dryRun"] = true })),
        ];
        var weighted = targets.SelectMany(t => Enumerable.Repeat(t, t.Weight)).ToArray();

        var fuzz = new FuzzInputs(Seed);
        var failures = new List<string>();
        var statuses = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Inputs; i++)
        {
            var target = fuzz.Pick(weighted);
            using var request = target.Build(fuzz);
            var sent = request.Content is null ? "" : await request.Content.ReadAsStringAsync();
            // A JSON call answers with problem details; a body sent as a form goes to the page's form handling instead.
            var sentJson = request.Content?.Headers.ContentType?.MediaType == "application/json";
            var before = Counts(db);
            using var response = await (target.Json ? admin : browser).SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var after = Counts(db);
            var status = (int)response.StatusCode;
            statuses[$"{target.Name} {status}"] = statuses.GetValueOrDefault($"{target.Name} {status}") + 1;

            string? failure = null;
            if (status >= 500) failure = "server error";
            else if (status >= 400 && !before.SequenceEqual(after)) failure = "refused but tables changed: " + Changed(before, after);
            else if (status == 400 && target.Json && sentJson && !NamesAField(body)) failure = "400 without a field named";
            else if (target.Name == "import" && status == 200 && after[0] - before[0] != JsonDocument.Parse(body).RootElement.GetProperty("imported").GetInt32())
                failure = $"wrote {after[0] - before[0]} people but reported {body}";
            if (failure is not null && failures.Count < 30)
                failures.Add($"#{i} {target.Name} {status}: {failure}\n  sent: {Excerpt(sent)}\n  got:  {Excerpt(body)}");
        }

        output.WriteLine($"{Inputs} inputs in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var (key, count) in statuses.OrderBy(s => s.Key)) output.WriteLine($"  {key}: {count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static HttpRequestMessage Json(string url, FuzzInputs fuzz, JsonObject valid, HttpMethod? method = null)
    {
        var (text, contentType) = fuzz.Corrupt(valid);
        return new HttpRequestMessage(method ?? HttpMethod.Post, url) { Content = new StringContent(text, Encoding.UTF8, contentType) };
    }

    private static HttpRequestMessage Form(string url, FuzzInputs fuzz, string antiforgery)
    {
        string[] fields = ["Kind", "Amount", "Currency", "Hours", "Items", "ContributionType", "Description", "Sector", "TargetRegion", "ProjectId", "Recurring"];
        var values = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", antiforgery), new("Kind", "money") };
        for (var i = 0; i <= fuzz.Next(4); i++) values.Add(new(fuzz.Pick(fields), fuzz.Text()));
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(values) };
    }

    private static HttpRequestMessage Multipart(string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new("text/csv") } };
        return new HttpRequestMessage(HttpMethod.Post, "/api/compatriots/import") { Content = new MultipartFormDataContent { { file, "file", "fuzz.csv" } } };
    }

    private static long[] Counts(System.Data.Common.DbConnection db) =>
        db.Query<long>(string.Join(" UNION ALL ", Tables.Select(t => $"SELECT COUNT(*) FROM {t}"))).ToArray();

    private static string Changed(long[] before, long[] after) =>
        string.Join(", ", Tables.Select((t, i) => (t, i)).Where(x => before[x.i] != after[x.i]).Select(x => $"{x.t} {before[x.i]}→{after[x.i]}"));

    /// <summary>RFC 9457 validation problem with at least one named field (a JSON path such as "$.amount" counts).</summary>
    private static bool NamesAField(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                && errors.EnumerateObject().Any() && errors.EnumerateObject().All(e => e.Name.Length > 0);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Excerpt(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
