using System.Data;

namespace CampaignEngine.Web.Features.Privacy;

/// <summary>The columns of one table that refer to a person, as the feature that owns the table accounts for them.</summary>
internal sealed record PersonalColumns(string Table, IReadOnlyList<string> Columns);

/// <summary>
/// A feature's part of a person's rights over their data, for the tables it owns: what it exports and how it erases.
/// Privacy owns this contract and runs every contributor; each feature implements it beside its own SQL, so a
/// table that refers to a person is erased by the code that writes it. A test reads the live schema and fails
/// when a column referring to a person is claimed by no contributor.
/// </summary>
internal interface IPersonalDataContributor
{
    /// <summary>Every column of the feature's tables that refers to a person, whether erased, redacted or kept on purpose.</summary>
    IReadOnlyList<PersonalColumns> Covers { get; }

    /// <summary>The feature's sections of the export (name → rows). Never link tokens: the file travels.</summary>
    IEnumerable<KeyValuePair<string, object>> Export(IDbConnection connection, long compatriotId);

    /// <summary>
    /// The feature's sections of the export the person downloads from their own page: the staff export's content, less
    /// what the feature decides is not the person's to carry away (say, staff's working notes); the same by default.
    /// </summary>
    IEnumerable<KeyValuePair<string, object>> ExportToPerson(IDbConnection connection, long compatriotId) => Export(connection, compatriotId);

    /// <summary>Erases or redacts the person in the feature's tables, inside the erasure's one transaction. Safe to repeat.</summary>
    void Erase(IDbConnection connection, IDbTransaction transaction, long compatriotId, DateTimeOffset now);

    /// <summary>Copies of the person outside the database (files), after the transaction has committed. Safe to repeat.</summary>
    void EraseOutsideDatabase(long compatriotId)
    {
    }
}

/// <summary>What erased free text becomes: one dash, as the erased name already is, in every language.</summary>
internal static class Erased
{
    public const string Text = "—";
}
