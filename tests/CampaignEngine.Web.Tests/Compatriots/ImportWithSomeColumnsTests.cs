using System.Net;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class ImportWithSomeColumnsTestsOnSqlite() : ImportWithSomeColumnsTests(TestHost.Sqlite);

public sealed class ImportWithSomeColumnsTestsOnPostgreSql() : ImportWithSomeColumnsTests(TestHost.PostgreSql);

/// <summary>
/// A file carries only the columns it has (besides external_id, full_name and country): for a person already in the
/// directory a column left out keeps what is stored, for a new person it is empty; a consent is checked against the
/// address as it will be stored, whether it came from the file or was kept.
/// </summary>
public abstract class ImportWithSomeColumnsTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_correction_with_some_columns_changes_those_and_keeps_every_other_as_stored()
    {
        var admin = _host.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await Import(admin, Csv(
            Person("p-1", name: "Айгүл Сыдыкова", gender: "ж", city: "Yakutsk", organization: "Якутия Кыргыздары",
                email: "aigul@example.org", channels: "whatsapp;email")))).Status);
        var before = Stored("p-1");
        var id = Id("p-1");

        var (status, report) = await Import(admin, "external_id,full_name,country,phone\r\np-1,Айгүл Сыдыкова-Бекова,RU,+7 914 765-43-21\r\n");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((0, 1), (report.GetProperty("imported").GetInt32(), report.GetProperty("updated").GetInt32()));
        Assert.Empty(report.GetProperty("rejected").EnumerateArray());
        var after = Stored("p-1");
        Assert.Equal(("Айгүл Сыдыкова-Бекова", "+79147654321"), (after.FullName, after.Phone));
        Assert.Equal(before with { FullName = after.FullName, Phone = after.Phone }, after);
        // The picker finds her by the new phone and name: her search terms were written again from the row as stored.
        var found = await Get(admin, "/api/compatriots?search=765-43-21");
        Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        // Her consents are as they were, so the import recorded no change of them.
        Assert.Equal(2L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_consent_event WHERE compatriot_id = @id", new { id }));
    }

    [SkippableFact]
    public async Task A_new_person_in_a_file_with_some_columns_gets_the_others_empty_and_no_consent()
    {
        var (status, report) = await Import(_host.AdminClient(), "external_id,full_name,country,city\r\np-9,Бакыт Асанов,KZ,Almaty\r\n");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        var person = Stored("p-9");
        Assert.Equal(("Бакыт Асанов", "unknown", "KZ", "Almaty", "ky"), (person.FullName, person.Gender, person.Country, person.City, person.Language));
        Assert.Equal((null, null, null, null), (person.BirthYear, person.HomeRegion, person.Phone, person.Email));
        Assert.Equal((0L, 0L, 0L, 0L), (person.ConsentWhatsapp, person.ConsentTelegram, person.ConsentSms, person.ConsentEmail));
        Assert.Equal("Asia/Almaty", person.TimeZone);
    }

    [SkippableFact]
    public async Task A_consent_in_a_file_without_the_address_column_is_granted_where_the_address_is_stored_and_refused_where_none_is()
    {
        var admin = _host.AdminClient();
        await Import(admin, Csv(Person("p-1", email: "aigul@example.org", channels: "whatsapp")));

        var (status, report) = await Import(admin, "external_id,full_name,country,channels\r\np-1,Айгүл Сыдыкова,RU,whatsapp;email\r\np-2,Бакыт Асанов,RU,email\r\n");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((0, 1), (report.GetProperty("imported").GetInt32(), report.GetProperty("updated").GetInt32()));
        var refused = Assert.Single(report.GetProperty("rejected").EnumerateArray());
        Assert.Equal((3, "channels", "consent to email needs an e-mail address"), Row(refused));
        Assert.Equal((1L, 1L), (Stored("p-1").ConsentWhatsapp, Stored("p-1").ConsentEmail));
        Assert.Equal(0L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot WHERE external_id = 'p-2'"));
        Assert.Equal(1L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_consent_event WHERE channel = 'email' AND granted = 1"));
    }

    [SkippableFact]
    public async Task A_file_that_leaves_out_the_channels_keeps_every_consent_as_it_was()
    {
        var admin = _host.AdminClient();
        await Import(admin, Csv(Person("p-1", email: "aigul@example.org", channels: "whatsapp;sms;email")));

        await Import(admin, "external_id,full_name,country,email\r\np-1,Айгүл Сыдыкова,RU,aigul.new@example.org\r\n");

        var person = Stored("p-1");
        Assert.Equal(("aigul.new@example.org", 1L, 1L, 1L), (person.Email, person.ConsentWhatsapp, person.ConsentSms, person.ConsentEmail));
    }

    [SkippableFact]
    public async Task A_file_whose_header_names_a_column_the_import_does_not_know_writes_nothing_and_names_it()
    {
        var (status, body) = await Import(_host.AdminClient(), "external_id,full_name,country,telefon\r\np-1,Айгүл Сыдыкова,RU,+7 914 765-43-21\r\n");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(body.GetProperty("errors").GetProperty("telefon").EnumerateArray()).GetString();
        Assert.StartsWith("the header has a column 'telefon' that the import does not know", error, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot WHERE external_id = 'p-1'"));
    }

    private static (int, string, string) Row(JsonElement refused) =>
        (refused.GetProperty("row").GetInt32(), refused.GetProperty("field").GetString()!, refused.GetProperty("error").GetString()!);

    /// <summary>The person's row as stored (properties, so that Dapper converts each engine's integer types).</summary>
    private sealed record StoredPerson
    {
        public string FullName { get; init; } = "";
        public string Gender { get; init; } = "";
        public long? BirthYear { get; init; }
        public string? HomeRegion { get; init; }
        public string? District { get; init; }
        public string? Village { get; init; }
        public string Country { get; init; } = "";
        public string? City { get; init; }
        public string TimeZone { get; init; } = "";
        public string Language { get; init; } = "";
        public string? YearsAbroad { get; init; }
        public string? Willing { get; init; }
        public string? Interests { get; init; }
        public string? Sectors { get; init; }
        public long? OrganizationId { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? Telegram { get; init; }
        public long ConsentWhatsapp { get; init; }
        public long ConsentTelegram { get; init; }
        public long ConsentSms { get; init; }
        public long ConsentEmail { get; init; }
    }

    private StoredPerson Stored(string externalId)
    {
        using var connection = _host.OpenDatabase();
        return Dapper.SqlMapper.QuerySingle<StoredPerson>(connection, """
            SELECT full_name AS FullName, gender AS Gender, birth_year AS BirthYear, home_region AS HomeRegion, district AS District,
                   village AS Village, country AS Country, city AS City, time_zone AS TimeZone, language AS Language,
                   years_abroad AS YearsAbroad, willing AS Willing, interests AS Interests, sectors AS Sectors,
                   organization_id AS OrganizationId, email AS Email, phone AS Phone, telegram AS Telegram,
                   consent_whatsapp AS ConsentWhatsapp, consent_telegram AS ConsentTelegram, consent_sms AS ConsentSms, consent_email AS ConsentEmail
            FROM directory_compatriot WHERE external_id = @externalId
            """, new { externalId });
    }

    private long Id(string externalId) => Scalar<long>(_host, "SELECT id FROM directory_compatriot WHERE external_id = @externalId", new { externalId });

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
