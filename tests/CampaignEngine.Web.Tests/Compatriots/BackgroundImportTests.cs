using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Tests.Infrastructure;
using SignedIn = CampaignEngine.Web.Tests.Security.Users;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class BackgroundImportTestsOnSqlite() : BackgroundImportTests(TestHost.Sqlite);

public sealed class BackgroundImportTestsOnPostgreSql() : BackgroundImportTests(TestHost.PostgreSql);

/// <summary>
/// Large imports in the background (migration 0054): the upload gets an id, a Hangfire job keyed by it writes the people,
/// its page and <c>GET api/compatriots/imports/{id}</c> show how far it is and end on the per-row report. The threshold is
/// lowered to one byte so that every file takes the background way.
/// </summary>
public abstract class BackgroundImportTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine) { Settings = { ["Compatriots:BackgroundImportFromBytes"] = "1" } };

    private static readonly string File = Csv(
        Person("bg-1", "Нурлан Осмонов"), Person("bg-2", "Айзада Үсөнова", "ж", phone: "12345"), Person("bg-3", "Бакыт Асанов", email: "b@example.kg", channels: "whatsapp;email"));

    [SkippableFact]
    public async Task A_large_file_gets_an_id_at_once_and_its_state_ends_on_the_same_per_row_report()
    {
        var (status, body) = await Import(_host.AdminClient(), File);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body.GetProperty("id").GetInt64();
        var state = await Finished(_host.AdminClient(), id);
        Assert.Equal("done", state.GetProperty("state").GetString());
        var report = state.GetProperty("report");
        Assert.Equal(2, report.GetProperty("imported").GetInt32());
        var rejected = Assert.Single(report.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("row").GetInt32());
        Assert.Equal("phone", rejected.GetProperty("field").GetString());
        Assert.Equal(2, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot"));
        // The file held personal data: it is gone once the import is done; the audit has counts under the import's id.
        Assert.Equal(0, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_import_file"));
        Assert.Equal(1, Scalar<long>(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'directory.import' AND subject = @subject", new { subject = $"import:{id}" }));
    }

    [SkippableFact]
    public async Task A_file_with_some_columns_written_in_the_background_keeps_the_others_as_stored()
    {
        var admin = _host.AdminClient();
        await Finished(admin, (await Import(admin, File)).Body.GetProperty("id").GetInt64());

        var (status, body) = await Import(admin, "external_id,full_name,country,city\r\nbg-3,Бакыт Асанов,RU,Novosibirsk\r\n");

        Assert.Equal(HttpStatusCode.Accepted, status);
        var report = (await Finished(admin, body.GetProperty("id").GetInt64())).GetProperty("report");
        Assert.Equal((0, 1), (report.GetProperty("imported").GetInt32(), report.GetProperty("updated").GetInt32()));
        using var connection = _host.OpenDatabase();
        var stored = connection.QuerySingle<(string City, string TimeZone, string Email, string Phone, long ConsentEmail)>(
            "SELECT city, time_zone, email, phone, consent_email FROM directory_compatriot WHERE external_id = 'bg-3'");
        Assert.Equal(("Novosibirsk", "Asia/Novosibirsk", "b@example.kg", "+79141234567", 1L), stored);
    }

    [SkippableFact]
    public async Task Running_the_job_again_or_a_cut_off_run_once_more_writes_every_row_once()
    {
        _ = _host.Server;
        var id = KeptImport(File, "running");
        var imports = _host.Services.GetRequiredService<BackgroundImports>();

        imports.Run(id);
        var consents = Scalar<long>(_host, "SELECT COUNT(*) FROM directory_consent_event");
        var updatedAt = Scalar<string>(_host, "SELECT MAX(updated_at) FROM directory_compatriot");
        imports.Run(id);

        Assert.Equal("done", Scalar<string>(_host, "SELECT state FROM directory_import WHERE id = @id", new { id }));
        Assert.Equal(2, Scalar<long>(_host, "SELECT imported FROM directory_import WHERE id = @id", new { id }));
        Assert.Equal(0, Scalar<long>(_host, "SELECT updated FROM directory_import WHERE id = @id", new { id }));
        Assert.Equal(2, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot"));
        Assert.Equal(consents, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_consent_event"));
        Assert.Equal(updatedAt, Scalar<string>(_host, "SELECT MAX(updated_at) FROM directory_compatriot"));
    }

    [SkippableFact]
    public async Task The_page_shows_a_running_import_from_the_server_with_a_bar_and_refreshes_without_scripts()
    {
        var officer = await SignedIn.SignInAsync(_host, "bg-officer", "officer");
        var id = KeptImport(File, "running");
        _host.Services.GetRequiredService<ImportProgress>().Set(id, new LiveImport("writing", 120, 3, 117, 40));

        var html = await officer.GetStringAsync($"/compatriots/imports/{id}?lang=en");

        Assert.Contains("<progress max=\"117\" value=\"40\">", html, StringComparison.Ordinal);
        Assert.Contains("data-live=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>", html, StringComparison.Ordinal);
        var text = Regex.Replace(Text(html), @"\s+", " ");
        Assert.Contains("Writing the people into the directory", text, StringComparison.Ordinal);
        Assert.Contains("Rows read: 120 · Rejected rows: 3 · Rows written: 40 / 117", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        var state = await Get(_host.AdminClient(), $"/api/compatriots/imports/{id}");
        Assert.Equal("writing", state.GetProperty("phase").GetString());
        Assert.Equal(40, state.GetProperty("written").GetInt32());
    }

    [SkippableFact]
    public async Task A_large_file_posted_on_the_page_leads_to_its_progress_page_which_ends_on_the_report()
    {
        var officer = await SignedIn.SignInAsync(_host, "bg-page", "officer");
        var token = SignedIn.Token(await officer.GetStringAsync("/compatriots?lang=ru"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(File));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "list.csv");

        var posted = await officer.PostAsync("/compatriots/import", form);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = posted.Headers.Location!.ToString();
        Assert.Matches("^/compatriots/imports/[0-9]+$", page);
        var html = "";
        for (var i = 0; i < 120 && !html.Contains("id=\"import-outcome\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250);
            html = await officer.GetStringAsync(page + "?lang=ru");
        }
        var text = Regex.Replace(Text(html), @"\s+", " ");
        Assert.Contains("Готово", text, StringComparison.Ordinal);
        Assert.Contains("3 phone «12345»", text, StringComparison.Ordinal);
        Assert.DoesNotContain("data-live=\"true\"", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_leader_of_another_organisation_does_not_see_the_import()
    {
        var (_, body) = await Import(_host.AdminClient(), File);
        var id = body.GetProperty("id").GetInt64();
        var organization = await CreateOrganization(_host.AdminClient(), "Бишкек жердештери");
        var leader = await ClientFor(_host, "bg-leader", "leader", organizationId: organization);

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/compatriots/imports/{id}")).StatusCode);
        await Finished(_host.AdminClient(), id);
    }

    [SkippableFact]
    public void Reading_and_writing_say_how_far_they_are_every_thousand_rows()
    {
        _ = _host.Server;
        var rows = Enumerable.Range(0, 2_100).Select(i => Person($"p-{i}", phone: i % 500 == 0 ? "12345" : $"+7 914 123-{i / 100:D2}-{i % 100:D2}", channels: "")).ToArray();
        var heard = new List<(int Read, int Refused)>();

        var read = CompatriotCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(Csv(rows))), DateTime.UtcNow.Year, (r, refused) => heard.Add((r, refused)));
        var written = new List<int>();
        var writer = _host.Services.GetRequiredService<CompatriotWriter>();
        writer.Write(read.Rows, "import", hooks: new WriteHooks(written.Add));

        Assert.Equal([(1_000, 2), (2_000, 4)], heard);
        Assert.Equal([1_000, 2_000], written);
    }

    /// <summary>An import as the page keeps it, with its file, in <paramref name="state"/> (a run cut off is left "running").</summary>
    private long KeptImport(string csv, string state)
    {
        using var connection = _host.OpenDatabase();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO directory_import (state, user_id, user_login, user_role, file_bytes, created_at)
            VALUES (@state, 1, 'admin', 'admin', 10, '2026-12-04T00:00:00Z') RETURNING id
            """, new { state });
        connection.Execute("INSERT INTO directory_import_file (import_id, content) VALUES (@id, @content)", new { id, content = Encoding.UTF8.GetBytes(csv) });
        return id;
    }

    private static async Task<JsonElement> Finished(HttpClient client, long id)
    {
        for (var i = 0; i < 240; i++)
        {
            var state = await Get(client, $"/api/compatriots/imports/{id}");
            if (state.GetProperty("state").GetString() is "done" or "failed") return state;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Import {id} did not finish.");
    }

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
