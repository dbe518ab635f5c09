using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Certificates.Nominations;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class GeneratedReasonTestsOnSqlite() : GeneratedReasonTests(TestHost.Sqlite);

public sealed class GeneratedReasonTestsOnPostgreSql() : GeneratedReasonTests(TestHost.PostgreSql);

/// <summary>
/// A reason the product writes by itself is printed on an official paper: it reads as a sentence for the holder, in the
/// certificate's language, and never carries an internal id ("pledge #1" once did).
/// </summary>
public abstract partial class GeneratedReasonTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_module_nomination_for_a_fulfilled_pledge_names_the_project_the_amount_and_the_year_in_the_paper_s_language()
    {
        var admin = _host.AdminClient();
        var project = (long)(await admin.PostJson("/api/projects", new
        {
            region = "KG-Y", budget = 50_000, currency = "USD", title = new { ky = "Мектепти оңдоо", ru = "Ремонт школы", en = "School renovation" },
        }, HttpStatusCode.Created))["id"]!;
        var donor = TestCompatriots.Insert(_host, new("Айбек Сыдыков", "male", "KG-Y", "AE", "ky"));
        var pledge = (long)(await admin.PostJson("/api/pledges", new { compatriotId = donor, kind = "money", amount = 1500, currency = "USD", projectId = project }, HttpStatusCode.Created))["id"]!;
        var fulfilment = (long)(await admin.PostJson($"/api/pledges/{pledge}/fulfilments", new { amount = 1500, currency = "USD", evidence = "bank 42" }, HttpStatusCode.Created))["id"]!;
        await _host.ClientWithKey(CertificateTestData.CreateUser(_host, "approver-reason", "officer", null)).PostJson($"/api/fulfilments/{fulfilment}/approve", new { }, HttpStatusCode.OK);
        await ModuleEventWaits.HandledAsync(_host);   // modules hear of it in a job, after the request

        // Issyk-Kul nominates donors above 500 USD; the reason is in the donor's language (Kyrgyz).
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(6)).Year.ToString(CultureInfo.InvariantCulture);
        var nomination = (await admin.GetJson("/api/certificates/nominations")).AsArray().Single(n => (long)n!["compatriotId"]! == donor)!;
        var reason = (string)nomination["reason"]!;
        Assert.Equal($"{year}-жылы «Мектепти оңдоо» долбооруна 1 500 USD өлчөмүндө колдоо көрсөткөнү үчүн", reason);
        AssertReadsAsASentence(reason, pledge, project);

        // Approved as proposed, on an English paper: the reason follows the paper's language.
        var issued = await admin.PostJson($"/api/certificates/nominations/{(long)nomination["id"]!}/approve", new { reason, language = "en" }, HttpStatusCode.Created);
        var certificate = await admin.GetJson($"/api/certificates/{(string)issued["serial"]!}");
        Assert.Equal($"For supporting “School renovation” with 1,500 USD in {year}", (string)certificate["reason"]!);
    }

    public static TheoryData<string, decimal?, string?, decimal?, bool> Contributions() => new()
    {
        { "money", 1500m, "USD", null, true },
        { "money", 12.5m, "EUR", null, false },
        { "time", null, null, 16m, true },
        { "time", null, null, 4.5m, false },
        { "in_kind", null, null, null, true },
        { "in_kind", null, null, null, false },
        // A money pledge without its amount still reads as a sentence.
        { "money", null, null, null, false },
    };

    [Theory, MemberData(nameof(Contributions))]
    public void Every_generated_reason_is_a_finished_sentence_in_each_language_without_an_id(string kind, decimal? amount, string? currency, decimal? hours, bool toProject)
    {
        var reasons = _host.Services.GetRequiredService<ContributionReasons>();
        var target = toProject ? new LocalizedText("Таза суу", "Чистая вода", "Clean water") : null;

        var reason = reasons.For(new Contribution(kind, amount, currency, hours, target, 2026));

        foreach (var language in Languages.All)
        {
            var text = reason.In(language);
            AssertReadsAsASentence(text, pledgeId: 0, projectId: 0);
            Assert.Contains("2026", text, StringComparison.Ordinal);
            if (target is not null) Assert.Contains(target.In(language), text, StringComparison.Ordinal);
            if (amount is { } a) Assert.Contains(currency!, text, StringComparison.Ordinal);
            if (hours is { } h) Assert.Contains(h.ToString("0.##", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }
        Assert.Equal(3, new[] { reason.Ky, reason.Ru, reason.En }.Distinct().Count());
    }

    [SkippableFact]
    public async Task A_bulk_issue_without_a_reason_prints_a_sentence_in_each_holder_s_language()
    {
        var admin = _host.AdminClient();
        var donors = new[]
        {
            TestCompatriots.Insert(_host, new("Айгүл Өмүрбекова", "female", "KG-Y", "AE", "ky")),
            TestCompatriots.Insert(_host, new("Бермет Ниязова", "female", "KG-Y", "AE", "ru")),
        };
        foreach (var donor in donors)
        {
            var pledge = (long)(await admin.PostJson("/api/pledges", new { compatriotId = donor, kind = "money", amount = 300, currency = "USD" }, HttpStatusCode.Created))["id"]!;
            var fulfilment = (long)(await admin.PostJson($"/api/pledges/{pledge}/fulfilments", new { amount = 300, currency = "USD", evidence = "bank" }, HttpStatusCode.Created))["id"]!;
            await _host.ClientWithKey(CertificateTestData.CreateUser(_host, $"approver-{donor}", "officer", null)).PostJson($"/api/fulfilments/{fulfilment}/approve", new { }, HttpStatusCode.OK);
        }

        var job = await admin.PostJson("/api/certificates/bulk", new { moduleId = "issyk-kul", kind = "gratitude", minUsd = 100 }, HttpStatusCode.Accepted);

        var jobId = (long)job["jobId"]!;
        await Eventually.True(async () => (string?)(await admin.GetJson($"/api/jobs/{jobId}"))["status"] == "completed");
        var issued = (await admin.GetJson("/api/certificates")).AsArray().Select(c => c!).Where(c => donors.Contains((long)c["compatriotId"]!)).ToList();
        Assert.Equal(2, issued.Count);
        foreach (var certificate in issued) AssertReadsAsASentence((string)certificate["reason"]!, 0, 0);
        Assert.NotEqual((string)issued[0]["reason"]!, (string)issued[1]["reason"]!);
    }

    /// <summary>No "#12", no bare id, no left-over placeholder, and words around it.</summary>
    private static void AssertReadsAsASentence(string reason, long pledgeId, long projectId)
    {
        Assert.DoesNotMatch(HashId(), reason);
        Assert.DoesNotMatch(Placeholder(), reason);
        Assert.DoesNotContain("pledge", reason, StringComparison.OrdinalIgnoreCase);
        foreach (var id in new[] { pledgeId, projectId }.Where(id => id > 0))
            Assert.DoesNotMatch($@"(?<![\d ]){id}(?![\d ])", reason);
        Assert.True(reason.Split(' ').Length >= 5, reason);
    }

    [GeneratedRegex(@"#\s*\d")]
    private static partial Regex HashId();

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex Placeholder();

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }
}
