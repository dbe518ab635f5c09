using CampaignEngine.Web.Features.Privacy;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Privacy;

public sealed class PersonalDataCoverageTestsOnSqlite() : PersonalDataCoverageTests(TestHost.Sqlite);

public sealed class PersonalDataCoverageTestsOnPostgreSql() : PersonalDataCoverageTests(TestHost.PostgreSql);

/// <summary>
/// Erasure must not forget a table. Every column of the live schema that refers to a person (an id, a name or an
/// address, a token, or free text someone may write a name into) is claimed by the contributor of the feature that
/// owns it, or its table is listed below with the reason it holds no compatriot. A new table or column fails here
/// until its feature says how it is exported and erased.
/// </summary>
public abstract class PersonalDataCoverageTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    /// <summary>Tables whose matching columns are not about a compatriot, and why.</summary>
    private static readonly Dictionary<string, string> NotAboutCompatriots = new(StringComparer.Ordinal)
    {
        ["directory_organization"] = "a diaspora organisation's city, not a person's",
        ["pledge_project"] = "a public project's village and description, written by its administration",
        ["pledge_project_update"] = "public progress reports of a project, written by staff",
        ["pledge_project_file"] = "names of uploaded project files (random stored name, the uploader's file name)",
        ["template_override"] = "message templates edited by staff",
        ["response_saved_reply"] = "replies staff reuse, written as templates for anyone (rendered for a person only when an answer is stored)",
        ["auth_session"] = "staff members' sign-in sessions and why each ended, not compatriots",
        ["certificate_issuer_profile"] = "the issuing administration's signatory, a public official named on every paper",
    };

    /// <summary>Tables only PostgreSQL has, and why they hold no compatriot.</summary>
    private static readonly Dictionary<string, string> NotAboutCompatriotsOnPostgreSql = new(StringComparer.Ordinal)
    {
        ["data_protection_key"] = "the hosts' shared key ring (SQLite's host keeps it in files): the keys' names, not people's",
    };

    private IReadOnlyDictionary<string, string> Excused => engine == TestHost.PostgreSql
        ? NotAboutCompatriots.Concat(NotAboutCompatriotsOnPostgreSql).ToDictionary(StringComparer.Ordinal)
        : NotAboutCompatriots;

    [SkippableFact]
    public void Every_column_that_refers_to_a_person_is_claimed_by_a_contributor()
    {
        var schema = Schema();
        var stale = Claims().Where(c => !schema.Contains((c.Table, c.Column))).Select(c => $"{c.Contributor} claims {c.Table}.{c.Column}, which does not exist");
        var unclaimed = Unclaimed(schema).Select(c => $"{c.Table}.{c.Column} refers to a person, but no IPersonalDataContributor claims it (export and erase it in the owning feature)");
        var excusedWithPeople = Excused.Keys.Where(t => schema.Contains((t, "compatriot_id"))).Select(t => $"{t} has compatriot_id and cannot be excused");

        var problems = stale.Concat(unclaimed).Concat(excusedWithPeople).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(Excused.Keys, t => Assert.Contains(schema, c => c.Table == t));
    }

    [SkippableFact]
    public void A_new_table_with_a_person_column_and_no_contributor_is_caught()
    {
        _ = _host.Services;
        using (var connection = _host.OpenDatabase())
        {
            connection.Execute("CREATE TABLE survey_answer (id INTEGER PRIMARY KEY, compatriot_id INTEGER, free_note TEXT, score INTEGER)");
        }
        Assert.Equal([("survey_answer", "compatriot_id"), ("survey_answer", "free_note")], Unclaimed(Schema()).Where(c => c.Table == "survey_answer").OrderBy(c => c.Column, StringComparer.Ordinal));
    }

    private List<(string Table, string Column, string Contributor)> Claims() =>
        _host.Services.GetRequiredService<PersonalData>().Contributors
            .SelectMany(c => c.Covers.SelectMany(t => t.Columns.Select(column => (t.Table, column, c.GetType().Name))))
            .ToList();

    private List<(string Table, string Column)> Unclaimed(HashSet<(string Table, string Column)> schema)
    {
        var claimed = Claims().Select(c => (c.Table, c.Column)).ToHashSet();
        return schema.Where(c => RefersToPerson(c.Column) && !Excused.ContainsKey(c.Table) && !claimed.Contains(c)).ToList();
    }

    /// <summary>Ids, names, addresses, tokens, and free text (reasons, notes, evidence, descriptions, replies, errors).</summary>
    private static bool RefersToPerson(string column) =>
        column is "compatriot_id" or "external_id" or "birth_year" or "email" or "phone" or "telegram" or "district" or "village" or "city"
            or "interests" or "token" or "evidence" or "text" or "description" or "error"
        || column.EndsWith("_name", StringComparison.Ordinal) || column.StartsWith("description_", StringComparison.Ordinal)
        || column.Contains("reason", StringComparison.Ordinal) || column.Contains("note", StringComparison.Ordinal);

    private HashSet<(string Table, string Column)> Schema()
    {
        _ = _host.Services;   // the host migrates the database when it starts
        using var connection = _host.OpenDatabase();
        return connection.Query<(string Table, string Column)>(engine == TestHost.PostgreSql
            ? """
              SELECT c.table_name, c.column_name FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
              WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              """
            : """
              SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
              """).ToHashSet();
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
