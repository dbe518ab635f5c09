using CsvHelper;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>The outcome of reading an import file: a header fault (nothing can be read), or good rows and bad rows.</summary>
internal sealed record CsvReadResult(ImportError? HeaderFault, List<(int Row, CompatriotInput Input)> Rows, List<ImportError> Errors)
{
    /// <summary>The columns the file left out: the writer keeps what is stored in them.</summary>
    public AbsentColumns Absent { get; init; } = AbsentColumns.None;

    public bool HeaderFailed => HeaderFault is not null;
    public string? HeaderField => HeaderFault?.Field;
    public string? HeaderError => HeaderFault?.Error;
}

/// <summary>
/// Reads the compatriot CSV (UTF-8, separated by commas or semicolons, header row). Row numbers are those a spreadsheet shows:
/// the header is row 1, the first data row is row 2, and a quoted value spanning lines stays one row.
/// </summary>
internal static class CompatriotCsv
{
    /// <summary>Every this many rows <see cref="Read(Stream, int, Action{int, int}?)"/> says how far it is.</summary>
    public const int ProgressEvery = 1_000;

    /// <summary>The file's rows; <paramref name="progress"/> hears the rows read and refused so far, every <see cref="ProgressEvery"/> rows.</summary>
    public static CsvReadResult Read(Stream stream, int currentYear, Action<int, int>? progress = null)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var result = Read(bytes, currentYear, lineBreaksInQuotes: true, progress, out var unterminated);
        // A quote that is never closed swallows the rest of the file into one value. Read again with every line
        // break ending a row: only the broken row is lost, and the rows after it are imported.
        return unterminated ? Read(bytes, currentYear, lineBreaksInQuotes: false, progress, out _) : result;
    }

    private static CsvReadResult Read(byte[] bytes, int currentYear, bool lineBreaksInQuotes, Action<int, int>? progress, out bool unterminated)
    {
        var rows = new List<(int, CompatriotInput)>();
        var errors = new List<ImportError>();
        var malformed = new Dictionary<long, CsvMalformedReason>();
        unterminated = false;
        var options = new CsvReaderOptions
        {
            Separator = SeparatorOf(bytes),
            HasHeader = true,
            SkipEmptyLines = false,
            AllowLineBreaksInQuotes = lineBreaksInQuotes,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = r => malformed.TryAdd(r.RecordNumber, r.Reason),
            IncludeValuesInExceptions = false,
        };
        if (FirstLineNotUtf8(bytes) is { } line)
            return HeaderFault("file", "notUtf8", $"the file is not UTF-8 text (line {Number(line)} is the first that is not): save it as \"CSV UTF-8 (comma delimited)\"; a plain \"CSV\" from Excel has no room for ң, ө, ү", Number(line));
        using var csv = CsvReader.Create(bytes, options);

        string[] header;
        try
        {
            csv.ReadHeader();
            header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        }
        catch (CsvFormatException)
        {
            return HeaderFault("file", "headerUnreadable", "the header row cannot be read as CSV");
        }
        if (header.Length == 0 || header.All(h => h.Length == 0))
            return HeaderFault("file", "empty", "the file is empty: a header row is expected (" + CompatriotColumns.Header + ")");
        var (index, fault) = Columns(header);
        if (fault is not null) return new CsvReadResult(fault, rows, errors);
        var absent = new AbsentColumns(CompatriotColumns.All.Where(c => !index.ContainsKey(c)));

        var taken = new RowsTaken(index, absent, currentYear, rows, errors);
        var (read, refused) = (0, 0);
        while (true)
        {
            if (++read % ProgressEvery == 0)
            {
                refused += taken.Settle();
                progress?.Invoke(read, refused);
            }
            try
            {
                if (!csv.Read()) break;
            }
            catch (CsvFormatException e)
            {
                taken.Add(new ReadRow((int)e.RecordNumber, [],
                    new ImportError((int)e.RecordNumber, "row", "cannot be read as CSV; the rest of the file was not read") { Problem = "unreadable" }));
                break;
            }
            // Empty lines are read as rows (and skipped here) so that numbers stay those the spreadsheet shows.
            var row = (int)csv.RowNumber + 1;
            var record = new string[csv.FieldCount];
            for (var i = 0; i < record.Length; i++) record[i] = csv.GetString(i) ?? "";
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            unterminated |= malformed.TryGetValue(row, out var reason) && reason == CsvMalformedReason.UnterminatedQuote;
            taken.Add(new ReadRow(row, record, Fault(row, record, header, malformed)));
        }
        taken.Settle();
        return new CsvReadResult(null, rows, errors) { Absent = absent };

        CsvReadResult HeaderFault(string field, string problem, string error, params string[] values) =>
            new(new ImportError(0, field, error) { Problem = problem, Values = values }, rows, errors);
    }

    /// <summary>
    /// Where each named column is, or the fault of a header the import cannot follow: a column it does not know (a
    /// misspelt "phon" would otherwise leave every phone out without a word), one named twice, or a required one
    /// missing. A column with no name (the separators Excel leaves after the last one) is not read.
    /// </summary>
    private static (Dictionary<string, int> Index, ImportError? Fault) Columns(string[] header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i];
            if (name.Length == 0) continue;
            if (!CompatriotColumns.All.Contains(name))
                return (index, Fault(name, "unknownColumn", $"the header has a column '{name}' that the import does not know: remove it, or name it as one of: {CompatriotColumns.Header}", name, CompatriotColumns.Header));
            if (!index.TryAdd(name, i))
                return (index, Fault(name, "columnTwice", $"the header names the column '{name}' twice", name));
        }
        var missing = CompatriotColumns.Required.FirstOrDefault(c => !index.ContainsKey(c));
        return missing is null
            ? (index, null)
            : (index, Fault(missing, "missingColumn", $"the header has no column '{missing}': every file needs {string.Join(", ", CompatriotColumns.Required)}", missing));

        static ImportError Fault(string field, string problem, string error, params string[] values) => new(0, field, error) { Problem = problem, Values = values };
    }

    /// <summary>
    /// ',' or ';', as the header row shows (its column names hold neither). Excel saves "CSV" with the list separator of
    /// the machine's regional settings, ';' under Russian ones, even where the format's name says "comma delimited";
    /// a list cell ("whatsapp;sms") is then quoted, so both read alike.
    /// </summary>
    private static char SeparatorOf(byte[] bytes)
    {
        var end = Array.IndexOf(bytes, (byte)'\n');
        var header = bytes.AsSpan(0, end < 0 ? bytes.Length : end);
        return header.Contains((byte)';') && !header.Contains((byte)',') ? ';' : ',';
    }

    /// <summary>
    /// The line of the first bytes that are not UTF-8, or null for a UTF-8 file. Excel's plain "CSV" saves Cyrillic in
    /// the Windows code page: read as UTF-8, every letter would become U+FFFD and a name would be stored as "������"
    /// without a word; and that code page has no ң, ө or ү, so the file is refused for the person to save it again.
    /// </summary>
    private static int? FirstLineNotUtf8(byte[] bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        var span = bytes.AsSpan();
        var at = 0;
        while (System.Text.Rune.DecodeFromUtf8(span[at..], out _, out var consumed) == System.Buffers.OperationStatus.Done) at += consumed;
        return span[..at].Count((byte)'\n') + 1;
    }

    /// <summary>A row read from the file: its values, validated unless a fault refuses it as CSV.</summary>
    private readonly record struct ReadRow(int Row, string[] Record, ImportError? Fault);

    /// <summary>Why a row cannot be read as a row of values at all, or null.</summary>
    private static ImportError? Fault(int row, string[] record, string[] header, Dictionary<long, CsvMalformedReason> malformed)
    {
        if (malformed.TryGetValue(row, out var reason) && reason != CsvMalformedReason.FieldCountMismatch)
            return reason switch
            {
                CsvMalformedReason.UnterminatedQuote => new ImportError(row, "row", "has a quote (\") that is never closed") { Problem = "quoteNeverClosed" },
                CsvMalformedReason.LineBreakInQuotes => new ImportError(row, "row", "has a quote (\") that is not closed on its line") { Problem = "quoteOpenAtLineEnd" },
                _ => new ImportError(row, "row", "has a stray quote (\") inside a value; quote whole values and double inner quotes") { Problem = "strayQuote" },
            };
        if (Array.FindIndex(record, value => value.Contains('\0', StringComparison.Ordinal)) is var zero and >= 0)
        {
            // Not text (a binary file saved as CSV, or a broken export): no engine should be asked to store it.
            var field = zero < header.Length ? header[zero] : "row";
            return new ImportError(row, field, "holds the zero character (U+0000), which is not text") { Problem = "zeroCharacter" };
        }
        if (record.Length != header.Length)
            return new ImportError(row, "row", $"has {record.Length} columns, the header has {header.Length}")
                { Problem = "columns", Values = [Number(record.Length), Number(header.Length)] };
        return null;
    }

    /// <summary>
    /// The rows read, taken a thousand at a time (<see cref="Settle"/>): validated on every core, then taken in file order,
    /// their faults to <c>errors</c> and the good rows whose external id no earlier row took to <c>rows</c>. Validating
    /// (libphonenumber for every phone) is most of reading a file, and a row's validation needs no other row.
    /// </summary>
    private sealed class RowsTaken(Dictionary<string, int> index, AbsentColumns absent, int currentYear, List<(int, CompatriotInput)> rows, List<ImportError> errors)
    {
        private readonly List<ReadRow> _pending = new(ProgressEvery);
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public void Add(ReadRow row) => _pending.Add(row);

        /// <summary>Validates and takes the rows added since the last call; the number of them refused.</summary>
        public int Settle()
        {
            var inputs = new CompatriotInput?[_pending.Count];
            var faults = new List<ImportError>[_pending.Count];
            Parallel.For(0, _pending.Count, i =>
            {
                faults[i] = [];
                var (row, record, fault) = _pending[i];
                if (fault is null) inputs[i] = RowValidator.Validate(name => index.TryGetValue(name, out var at) ? record[at] : null, row, currentYear, faults[i], absent);
            });
            var refused = 0;
            for (var i = 0; i < _pending.Count; i++)
            {
                Take(_pending[i], inputs[i], faults[i]);
                if (faults[i].Count > 0) refused++;
            }
            _pending.Clear();
            return refused;
        }

        private void Take(ReadRow read, CompatriotInput? input, List<ImportError> faults)
        {
            if (read.Fault is { } fault) faults.Add(fault);
            else if (input is not null && _seen.TryGetValue(input.ExternalId, out var first))
                faults.Add(new ImportError(read.Row, "external_id", $"'{input.ExternalId}' appears again: already in row {first}")
                    { Problem = "duplicate", Values = [input.ExternalId, Number(first)] });
            else if (input is not null)
            {
                _seen[input.ExternalId] = read.Row;
                rows.Add((read.Row, input));
            }
            errors.AddRange(faults);
        }
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
