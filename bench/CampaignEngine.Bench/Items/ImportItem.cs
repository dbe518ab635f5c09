using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Compatriots.Search;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Issue 20: the CSV import of a million compatriots through the product's own importer (<see cref="CompatriotImporter"/>:
/// reading, per-row validation with every fault reported by row and field, the directory rows, their consent events and
/// search terms, one transaction) beside a bare prepared <c>INSERT</c> of the same parsed rows into the same table, in
/// one transaction on a fresh database, with the import connection's settings (its page cache among them) and without the
/// audience cells' insert trigger (the product's work, not the table's). Budget: at least half the bare insert's rate.
/// </summary>
internal static class ImportItem
{
    public const double BudgetRatio = 0.5;

    public static Result Run(ProductHost product, ProductHost bare, PeopleFile file, BenchOptions options, Action<string> log)
    {
        var year = DateTime.UtcNow.Year;
        CsvReadResult parsed = null!;
        // Reading and validating alone, for the note: what the import costs before it writes anything.
        var (_, readCpu) = ThreadCpu.Of(() =>
        {
            using var stream = File.OpenRead(file.Path);
            parsed = CompatriotCsv.Read(stream, year);
        });
        log($"Bare insert of the {parsed.Rows.Count:N0} parsed rows");
        var (bareWall, bareCpu) = ThreadCpu.Of(() => BareInsert(bare, parsed.Rows));
        var expectedRows = parsed.Rows.Count;
        var expectedErrors = parsed.Errors.Count;
        parsed = null!;
        GC.Collect();

        log($"The product's import of the {file.Rows:N0}-row file");
        var importer = product.Services.GetRequiredService<CompatriotImporter>();
        ImportReport report = null!;
        var (wall, cpu) = ThreadCpu.Of(() =>
        {
            using var stream = File.OpenRead(file.Path);
            report = importer.Import(stream, product.Admin).Report ?? throw new InvalidOperationException("The import refused the file.");
        });
        Check(product, report, expectedRows, expectedErrors, file);
        var rate = expectedRows / wall.TotalSeconds;
        var bareRate = expectedRows / bareWall.TotalSeconds;
        return new Result("CSV import of compatriots (read, validate, write with consent and search terms)", $"{file.Rows:N0} rows, {report.Rejected.Count:N0} rejected",
            rate, "rows/s", bare.OnPostgreSql ? "bare batched `INSERT` of the same parsed rows, one transaction" : "bare prepared `INSERT` of the same parsed rows, one transaction", bareRate, BudgetKind.RatioAtLeast, BudgetRatio,
            $"{wall.TotalSeconds:N1} s wall, {cpu.TotalSeconds:N1} s thread CPU ({expectedRows / cpu.TotalSeconds:N0} rows per CPU-second) for the product; " +
            $"{bareWall.TotalSeconds:N1} s wall, {bareCpu.TotalSeconds:N1} s thread CPU ({expectedRows / bareCpu.TotalSeconds:N0} rows per CPU-second) bare. " +
            $"Reading and validating the file alone: {readCpu.TotalSeconds:N1} s thread CPU. {new FileInfo(file.Path).Length / 1024.0 / 1024:N0} MB file; every rejected row named by row and field; one run each.");
    }

    // The import must have done all its work: every good row written and findable, every bad row reported.
    private static void Check(ProductHost product, ImportReport report, int expectedRows, int expectedErrors, PeopleFile file)
    {
        if (report.Imported != expectedRows || report.Rejected.Count != expectedErrors)
            throw new InvalidOperationException($"The import wrote {report.Imported:N0} and rejected {report.Rejected.Count:N0}; expected {expectedRows:N0} and {expectedErrors:N0}.");
        if (report.Rejected.Any(e => e.Row < 2 || string.IsNullOrEmpty(e.Field)))
            throw new InvalidOperationException("A rejected row has no row number or field.");
        if (report.Rejected.Select(e => e.Row).Distinct().Count() < file.BadRows)
            throw new InvalidOperationException($"Fewer rejected rows than the {file.BadRows:N0} spoiled ones.");
        using var connection = product.Open();
        var written = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM directory_compatriot");
        var indexed = connection.ExecuteScalar<long>("SELECT COUNT(DISTINCT compatriot_id) FROM directory_search_term");
        if (written != expectedRows || indexed != expectedRows)
            throw new InvalidOperationException($"{written:N0} rows written and {indexed:N0} indexed; expected {expectedRows:N0}.");
    }

    private static readonly string[] Columns =
    [
        "external_id", "full_name", "search_name", "gender", "birth_year", "home_region", "district", "village", "country", "city",
        "time_zone", "language", "years_abroad", "willing", "interests", "sectors", "organization_id", "email", "phone", "telegram",
        "consent_whatsapp", "consent_telegram", "consent_sms", "consent_email", "created_at", "updated_at", "search_version",
    ];

    /// <summary>The limit on the host's engine: the parsed rows into the directory table, one transaction, nothing else.</summary>
    private static void BareInsert(ProductHost bare, IReadOnlyList<(int Row, CompatriotInput Input)> rows)
    {
        if (bare.OnPostgreSql) BareInsertPostgreSql(bare, rows);
        else BareInsert(bare.DbPath, rows);
    }

    /// <summary>The limit on SQLite: one prepared statement, one transaction.</summary>
    private static void BareInsert(string dbPath, IReadOnlyList<(int Row, CompatriotInput Input)> rows)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=false");
        connection.Open();
        // The product's import connection's settings: the same page cache, foreign keys checked, synchronous NORMAL.
        DirectoryData.Exec(connection, $"PRAGMA cache_size = -{ImportCache.Kibibytes}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
        // The bare insert is the table's own work only: the audience cells' and the directory list's insert triggers
        // (migrations 0048 and 0061) are the product's, as its search terms and consent events are.
        DirectoryData.Exec(connection, $"DROP TRIGGER IF EXISTS {SqliteBulkAudienceCells.InsertTrigger}; DROP TRIGGER IF EXISTS {SqliteBulkAudienceCells.ListInsertTrigger};");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO directory_compatriot ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        var parameters = Columns.Select(c => insert.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
        insert.Prepare();
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (_, input) in rows)
        {
            var values = Values(input, now);
            for (var c = 0; c < values.Length; c++) parameters[c].Value = values[c] ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>
    /// The limit on PostgreSQL: the same INSERT, a thousand rows to a round trip (one <see cref="NpgsqlBatch"/>), one
    /// transaction, without the audience cells' trigger (the product's work, as on SQLite). Batched rather than COPY: the
    /// product writes row by row with statements, and a bare limit of a different kind of write would measure the protocol.
    /// </summary>
    private static void BareInsertPostgreSql(ProductHost bare, IReadOnlyList<(int Row, CompatriotInput Input)> rows)
    {
        using var connection = new NpgsqlConnection(bare.ConnectionString);
        connection.Open();
        using (var drop = new NpgsqlCommand($"DROP TRIGGER IF EXISTS {SqliteBulkAudienceCells.InsertTrigger} ON directory_compatriot", connection)) drop.ExecuteNonQuery();
        using var transaction = connection.BeginTransaction();
        var sql = $"INSERT INTO directory_compatriot ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"${i + 1}"))})";
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var chunk in rows.Chunk(1_000))
        {
            using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var (_, input) in chunk)
            {
                var command = new NpgsqlBatchCommand(sql);
                // Numbers as bigint, texts as text, NULL untyped: PostgreSQL takes its type from the column.
                foreach (var value in Values(input, now))
                    command.Parameters.Add(value is int number ? new NpgsqlParameter<long> { TypedValue = number } : new NpgsqlParameter { Value = value ?? DBNull.Value });
                batch.BatchCommands.Add(command);
            }
            batch.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>A parsed row's values in <see cref="Columns"/>' order (null for NULL; numbers as int).</summary>
    private static object?[] Values(CompatriotInput input, string now) =>
    [
        input.ExternalId, input.FullName, input.FullName.ToLowerInvariant(), input.Gender, input.BirthYear, input.HomeRegion, input.District,
        input.Village, input.Country, input.City, input.TimeZone, input.Language, input.YearsAbroad, input.Willing,
        input.Interests.Count == 0 ? null : string.Join(';', input.Interests), input.Sectors.Count == 0 ? null : string.Join(';', input.Sectors),
        null, input.Email, input.Phone, input.Telegram,
        input.Channels.Contains("whatsapp") ? 1 : 0, input.Channels.Contains("telegram") ? 1 : 0, input.Channels.Contains("sms") ? 1 : 0,
        input.Channels.Contains("email") ? 1 : 0, now, now, SearchTerms.Version,
    ];
}
