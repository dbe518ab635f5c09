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
        if (result.Report is { } r) audit.Record(user, "directory.import", null, new { imported = r.Imported, updated = r.Updated, rejected = r.Rejected.Count, kept = r.Kept.Count });
        return result;
    }

    private (ImportReport? Report, ImportError? Fault) ImportCore(Stream file, CurrentUser user)
    {
        var read = CompatriotCsv.Read(file, clock.GetUtcNow().Year);
        if (read.HeaderFault is { } fault) return (null, fault);
        var written = writer.Write(read.Rows, "import", AccessScope.Of(user).OrganizationId);
        var rejected = read.Errors.Concat(written.Rejected).OrderBy(e => e.Row).ToList();
        return (new ImportReport(written.Imported, written.Updated, rejected, written.Kept), null);
    }

    /// <summary>Who may import: national staff, and leaders into their own organisation.</summary>
    public static bool MayImport(CurrentUser user) =>
        AccessScope.Of(user) is var scope && (scope.SeesAll || scope.OrganizationId is not null);
}
