using CampaignEngine.Web.Features.Auth;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// The answer to an import: counts, every rejected row with its field and reason, in row order, and the rows of which
/// some fields were kept as the person chose them (<see cref="PersonsOwn"/>).
/// </summary>
internal sealed record ImportReport(int Imported, int Updated, IReadOnlyList<ImportError> Rejected, IReadOnlyList<KeptChoices> Kept);

/// <summary>Reads an uploaded file, then writes its good rows in one transaction; bad rows are only reported.</summary>
internal sealed class CompatriotImporter(CompatriotWriter writer, TimeProvider clock, Audit.AuditLog audit)
{
    /// <summary>The report, or the fault of a file that cannot be read at all (its header).</summary>
    public (ImportReport? Report, ImportError? Fault) Import(Stream file, CurrentUser user)
    {
        var result = ImportCore(file, user);
        if (result.Report is { } r) audit.Record(user, "directory.import", null, AuditDetail(r));
        return result;
    }

    /// <summary>What the audit keeps of an import: counts only, no personal data.</summary>
    public static object AuditDetail(ImportReport report) =>
        new { imported = report.Imported, updated = report.Updated, rejected = report.Rejected.Count, kept = report.Kept.Count };

    /// <summary>The report of a file's reading and writing: every refused row, by row number.</summary>
    public static ImportReport ReportOf(CsvReadResult read, WriteResult written) =>
        new(written.Imported, written.Updated, read.Errors.Concat(written.Rejected).OrderBy(e => e.Row).ToList(), written.Kept);

    private (ImportReport? Report, ImportError? Fault) ImportCore(Stream file, CurrentUser user)
    {
        var read = CompatriotCsv.Read(file, clock.GetUtcNow().Year);
        if (read.HeaderFault is { } fault) return (null, fault);
        var written = writer.Write(read.Rows, "import", AccessScope.Of(user).OrganizationId, absent: read.Absent);
        return (ReportOf(read, written), null);
    }

    /// <summary>Who may import: national staff, and leaders into their own organisation.</summary>
    public static bool MayImport(CurrentUser user) =>
        AccessScope.Of(user) is var scope && (scope.SeesAll || scope.OrganizationId is not null);
}
