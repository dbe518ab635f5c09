using System.Text.RegularExpressions;

namespace CampaignEngine.Web.Tests.Architecture;

/// <summary>
/// Only the feature that owns a table writes it (design §3): a table belongs to the feature its prefix names, and an
/// INSERT, UPDATE or DELETE on it anywhere else in the web project's code fails this test. "One owner per table"
/// (issue 15) moved every such write behind its owner's code or a port, so the list of tolerated crossings is empty;
/// a listed write that is gone fails too, so the list stays true.
/// </summary>
public sealed partial class TableOwnershipTests
{
    /// <summary>Table prefix → the feature folder that owns it; the longer prefix wins (pledge_project before pledge).</summary>
    private static readonly (string Prefix, string Owner)[] Owners =
    [
        ("pledge_project", "Features/Projects"), ("pledge", "Features/Pledges"),
        ("certificate", "Features/Certificates"), ("campaign", "Features/Campaigns"),
        ("directory_", "Features/Compatriots"), ("send_", "Features/Sending"), ("channel_usage", "Features/Sending"),
        ("response_", "Features/Responses"), ("audit_", "Features/Audit"), ("auth_", "Features/Auth"),
        ("template_override", "Features/Modules"), ("module_setting", "Features/Modules"), ("module_event", "ModuleHost"), ("privacy_", "Features/Privacy"),
    ];

    /// <summary>
    /// Writes across a boundary (file → table) tolerated for now: none are left. One added here is a decision to be
    /// argued in review, with its way behind the owner's code.
    /// </summary>
    private static readonly HashSet<string> KnownCrossings = [];

    [Fact]
    public void No_code_writes_another_features_tables_beyond_the_crossings_listed_for_removal()
    {
        var crossings = SourceTree.CSharpFiles(Path.Combine(SourceTree.RepositoryRoot(), "src", "CampaignEngine.Web"))
            .SelectMany(file => Crossings(file.Relative, File.ReadAllText(file.Full)))
            .ToHashSet();

        var added = crossings.Except(KnownCrossings).Order(StringComparer.Ordinal).ToList();
        var gone = KnownCrossings.Except(crossings).Order(StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0, "code writes a table another feature owns (go through the owner's code or a port):\n" + string.Join('\n', added));
        Assert.True(gone.Count == 0, "these crossings are gone: take them off KnownCrossings:\n" + string.Join('\n', gone));
    }

    [Fact]
    public void The_scan_sees_each_kind_of_write_and_charges_it_to_the_file_that_holds_it()
    {
        const string Sql = """
            connection.Execute("UPDATE campaign SET status = 'completed' WHERE id = @id");
            connection.Execute("INSERT INTO pledge_project_update (project_id) VALUES (@id)");
            connection.Execute("DELETE FROM directory_compatriot WHERE id = @id");
            connection.Execute("INSERT OR IGNORE INTO send_message (id) VALUES (1)");
            connection.Query("SELECT * FROM certificate");
            """;

        var found = Crossings("Features/Pledges/Anything.cs", Sql).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
        [
            "Features/Pledges/Anything.cs → campaign",
            "Features/Pledges/Anything.cs → directory_compatriot",
            "Features/Pledges/Anything.cs → pledge_project_update",
            "Features/Pledges/Anything.cs → send_message",
        ], found);
        Assert.Empty(Crossings("Features/Projects/ProjectStore.cs", "INSERT INTO pledge_project_update (x) VALUES (1)"));
    }

    private static IEnumerable<string> Crossings(string file, string text) =>
        Write().Matches(text)
            .Select(m => m.Groups["table"].Value)
            .Where(table => OwnerOf(table) is { } owner && !file.StartsWith(owner + "/", StringComparison.Ordinal))
            .Select(table => $"{file} → {table}");

    private static string? OwnerOf(string table) =>
        Owners.Where(o => table.StartsWith(o.Prefix, StringComparison.Ordinal))
            .OrderByDescending(o => o.Prefix.Length).Select(o => o.Owner).FirstOrDefault();

    [GeneratedRegex(@"\b(?:INSERT(?:\s+OR\s+(?:IGNORE|REPLACE))?\s+INTO|UPDATE|DELETE\s+FROM)\s+(?<table>[a-z_]+)\b")]
    private static partial Regex Write();
}
