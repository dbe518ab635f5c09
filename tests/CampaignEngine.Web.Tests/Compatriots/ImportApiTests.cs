using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class ImportApiTestsOnSqlite() : ImportApiTests(TestHost.Sqlite);

public sealed class ImportApiTestsOnPostgreSql() : ImportApiTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class ImportApiTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    // Aizada's partner file: national-format phones, ж/м genders, and a few broken rows.
    private static readonly string PartnerFile = Csv(
        Person("p-1", "Айзада Осмонова", "ж", phone: "0555 123 456", email: "aizada@example.org", channels: "whatsapp;email"),
        Person("p-2", "Бакыт Асанов", "м", country: "AE", city: "Dubai", phone: "+971 50 123 4567"),
        Person("p-3", "Гүлнара Токтогулова", "Ж", region: "naryn", country: "DE", city: "Berlin", phone: "0151 23456789"),
        Person("p-4", "Broken Phone", "м", phone: "12345"),
        Person("p-5", "Bad Country", "ж", country: "XX"),
        Person("", "No Id", "ж"),
        Person("p-7", "Бад Гендер", "q", region: "KG-Q"),
        Person("p-8", "Чыңгыз Үсөнов", "эркек", region: "KG-B", country: "KR", city: "Seoul", phone: "010-1234-5678", organization: "Кыргызская диаспора в Корее"),
        "p-9,Too,Few,Columns");

    [SkippableFact]
    public async Task Import_reports_counts_and_every_bad_row_with_field()
    {
        var (status, body) = await Import(_host.AdminClient(), PartnerFile);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, body.GetProperty("imported").GetInt32());
        Assert.Equal(0, body.GetProperty("updated").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(5, "phone"), (6, "country"), (7, "external_id"), (8, "gender"), (8, "home_region"), (10, "row")], rejected);
        Assert.All(body.GetProperty("rejected").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("error").GetString())));
    }

    [SkippableFact]
    public async Task Import_writes_nothing_of_bad_rows_and_normalises_good_ones()
    {
        await Import(_host.AdminClient(), PartnerFile);
        Assert.Equal(4L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot"));
        Assert.Equal(0L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot WHERE external_id IN ('p-4','p-5','p-7') OR full_name = 'No Id'"));
        Assert.Equal("+996555123456", Scalar<string>(_host, "SELECT phone FROM directory_compatriot WHERE external_id = 'p-1'"));
        Assert.Equal("female", Scalar<string>(_host, "SELECT gender FROM directory_compatriot WHERE external_id = 'p-3'"));
        Assert.Equal("KG-N", Scalar<string>(_host, "SELECT home_region FROM directory_compatriot WHERE external_id = 'p-3'"));
        Assert.Equal("Asia/Yakutsk", Scalar<string>(_host, "SELECT time_zone FROM directory_compatriot WHERE external_id = 'p-1'"));
        Assert.Equal("Asia/Dubai", Scalar<string>(_host, "SELECT time_zone FROM directory_compatriot WHERE external_id = 'p-2'"));
        Assert.Equal("+821012345678", Scalar<string>(_host, "SELECT phone FROM directory_compatriot WHERE external_id = 'p-8'"));
        // A new organisation named in the file is created once and the member linked to it.
        Assert.Equal(1L, Scalar<long>(_host, """
            SELECT COUNT(*) FROM directory_compatriot c JOIN directory_organization o ON o.id = c.organization_id
            WHERE c.external_id = 'p-8' AND o.name = 'Кыргызская диаспора в Корее'
            """));
        Assert.Equal(2L, Scalar<long>(_host, """
            SELECT COUNT(*) FROM directory_consent_event e JOIN directory_compatriot c ON c.id = e.compatriot_id
            WHERE c.external_id = 'p-1' AND e.source = 'import' AND e.granted = 1
            """));
    }

    [SkippableFact]
    public async Task Reimport_updates_and_never_duplicates()
    {
        var admin = _host.AdminClient();
        await Import(admin, PartnerFile);
        var (_, again) = await Import(admin, PartnerFile);
        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal(4, again.GetProperty("updated").GetInt32());
        Assert.Equal(4L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot"));
        Assert.Equal(1L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_organization WHERE name = 'Кыргызская диаспора в Корее'"));

        // The fixed row comes in, the corrected name replaces the old one, and consent to e-mail is withdrawn.
        var (_, fixedFile) = await Import(admin, Csv(
            Person("p-1", "Айзада Осмонова-Бекова", "ж", phone: "0555 123 456", email: "aizada@example.org", channels: "whatsapp"),
            Person("p-4", "Fixed Phone", "м", phone: "+7 914 765-43-21")));
        Assert.Equal(1, fixedFile.GetProperty("imported").GetInt32());
        Assert.Equal(1, fixedFile.GetProperty("updated").GetInt32());
        Assert.Equal("Айзада Осмонова-Бекова", Scalar<string>(_host, "SELECT full_name FROM directory_compatriot WHERE external_id = 'p-1'"));
        Assert.Equal(0L, Scalar<long>(_host, "SELECT consent_email FROM directory_compatriot WHERE external_id = 'p-1'"));
        Assert.Equal(1L, Scalar<long>(_host, """
            SELECT COUNT(*) FROM directory_consent_event e JOIN directory_compatriot c ON c.id = e.compatriot_id
            WHERE c.external_id = 'p-1' AND e.channel = 'email' AND e.granted = 0
            """));
    }

    [SkippableFact]
    public async Task Import_does_not_grant_again_a_consent_the_person_withdrew()
    {
        var admin = _host.AdminClient();
        await Import(admin, Csv(Person("p-1")));
        using (var connection = _host.OpenDatabase())
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE directory_compatriot SET consent_whatsapp = 0 WHERE external_id = 'p-1';
                INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at)
                SELECT id, 'whatsapp', 0, 'stop-reply', '2026-01-01T00:00:00.000Z' FROM directory_compatriot WHERE external_id = 'p-1';
                """;
            command.ExecuteNonQuery();
        }
        await Import(admin, Csv(Person("p-1")));
        Assert.Equal(0L, Scalar<long>(_host, "SELECT consent_whatsapp FROM directory_compatriot WHERE external_id = 'p-1'"));
    }

    [SkippableFact]
    public async Task Import_missing_header_column_is_400_naming_it()
    {
        var (status, body) = await Import(_host.AdminClient(), CompatriotCsvTests.Header.Replace("country,", "") + "\n");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("country", out _));
    }

    [SkippableFact]
    public async Task Import_without_file_is_400()
    {
        using var content = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var response = await _host.AdminClient().PostAsync("/api/compatriots/import", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [SkippableFact]
    public async Task Import_by_oblast_user_is_forbidden()
    {
        var oblast = await ClientFor(_host, "karakol", "oblast", region: "KG-Y");
        var (status, _) = await Import(oblast, Csv(Person("p-1")));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [SkippableFact]
    public async Task Import_by_leader_joins_their_organisation_and_cannot_touch_others()
    {
        var admin = _host.AdminClient();
        var gulnara = await CreateOrganization(admin, "Фонд нарынского землячества", "RU", "Moscow");
        await Import(admin, Csv(Person("outsider")));
        var leader = await ClientFor(_host, "gulnara", "leader", organizationId: gulnara);
        var (status, body) = await Import(leader, Csv(Person("m-1", region: "KG-N", organization: "Something else"), Person("outsider", "Тот же номер")));
        Assert.Equal(HttpStatusCode.OK, status);
        // The id another person has is the organisation's own number for a new member: nothing is refused or revealed.
        Assert.Equal(2, body.GetProperty("imported").GetInt32());
        Assert.Empty(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(gulnara, Scalar<long>(_host, $"SELECT organization_id FROM directory_compatriot WHERE external_id = 'org-{gulnara}:m-1'"));
        Assert.Equal(0, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot WHERE external_id = 'outsider' AND (organization_id IS NOT NULL OR full_name = 'Тот же номер')"));
    }

    [SkippableFact]
    public async Task A_leaders_import_answers_the_same_for_an_id_used_in_another_organisation_as_for_an_unused_one()
    {
        var admin = _host.AdminClient();
        var mine = await CreateOrganization(admin, "Фонд нарынского землячества", "RU", "Moscow");
        var theirs = await CreateOrganization(admin, "Ысык-Көл жердештери", "AE", "Dubai");
        var leader = await ClientFor(_host, "gulnara", "leader", organizationId: mine);
        var other = await ClientFor(_host, "bakyt", "leader", organizationId: theirs);
        await Import(admin, Csv(Person("taken", "Чужой Человек", organization: "Ысык-Көл жердештери")));

        var (_, taken) = await Import(leader, Csv(Person("taken", "Айпери Жумабаева")));
        var (_, unused) = await Import(leader, Csv(Person("unused", "Айпери Жумабаева")));
        var (_, again) = await Import(leader, Csv(Person("taken", "Айпери Жумабаевна")));

        Assert.Equal(unused.GetRawText(), taken.GetRawText());
        Assert.Equal(1, again.GetProperty("updated").GetInt32());
        var members = (await admin.GetFromJsonAsync<JsonElement>("/api/compatriots?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(members, m => m.GetProperty("fullName").GetString() == "Чужой Человек" && m.GetProperty("organizationId").GetInt64() == theirs);
        var seen = (await leader.GetFromJsonAsync<JsonElement>("/api/compatriots?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["taken", "unused"], seen.Select(m => m.GetProperty("externalId").GetString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(seen, m => m.GetProperty("fullName").GetString() == "Чужой Человек");
        var theirList = (await other.GetFromJsonAsync<JsonElement>("/api/compatriots?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("Чужой Человек", Assert.Single(theirList).GetProperty("fullName").GetString());
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
