using System.Collections;
using System.Data.Common;
using System.Diagnostics;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Search;

/// <summary>A searched list's counts by gender and its page's ids in the list's order, as the columns answer it.</summary>
internal sealed record ListAnswer(IReadOnlyDictionary<string, int> ByGender, IReadOnlyList<long> PageIds);

/// <summary>
/// The directory list's columns kept in memory (migration 0061): every person's place in the list's order (name, then
/// id), gender, home region, country, language and organisation, indexed by id. A searched list reads only the ids the
/// term index matches and answers its counts by gender and its page from these, instead of reading 85,000 people's rows
/// for a common first name on a million (70–120 ms; issue 20's budget is 30).
/// <para>
/// The columns are used only when the directory's list position, read in the list's own read transaction, says nothing
/// they hold has changed since they were read; the answer is then the detail query's exactly. Otherwise the list reads
/// the people as before, and the columns are read again on a pool thread — never twice at once, and after a read that
/// took <c>t</c> not again within <c>10 t</c> (10 s at least), so a directory that changes all day costs a host at most
/// a tenth of a core. Nothing is read before the first search: a host that nobody searches on holds none of it.
/// </para>
/// </summary>
internal sealed class ListColumns(Db db, TimeProvider clock, ILogger<ListColumns> logger)
{
    private const int RestFactor = 10;

    // At least this long between reads, however quick the last: a directory that keeps no columns (Dense) finds that out
    // in milliseconds, and would otherwise ask again, and say so in the log, at every search.
    private static readonly TimeSpan ShortestRest = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private Columns? _columns;
    private Task? _reading;
    private DateTimeOffset _nextRead = DateTimeOffset.MinValue;
    private long _answered;

    /// <summary>How many lists the columns have answered (tests tell the two ways apart by it).</summary>
    internal long Answered => Interlocked.Read(ref _answered);

    /// <summary>The read under way, if any (tests wait for it).</summary>
    internal Task? Reading
    {
        get
        {
            lock (_gate) return _reading;
        }
    }

    /// <summary>
    /// The answer from the columns, or null when they are not current in <paramref name="transaction"/>'s view (a read of
    /// them is then started) or cannot hold this directory.
    /// </summary>
    public ListAnswer? TryAnswer(DbConnection connection, DbTransaction transaction, ListQuestion question)
    {
        var engine = CompatriotsSql.Of(connection);
        var now = engine.ListPosition(connection, transaction);
        var columns = Volatile.Read(ref _columns);
        if (columns is null || !engine.ListUnchanged(connection, transaction, columns.Position, now))
        {
            StartReading();
            return null;
        }
        Interlocked.Increment(ref _answered);
        return columns.Answer(question, Matched(connection, transaction, question));
    }

    /// <summary>Reads the columns now, on the caller's thread (tests, and the pool thread a stale list starts).</summary>
    internal void ReadNow()
    {
        using var connection = db.Open();
        var engine = CompatriotsSql.Of(connection);
        using var transaction = ReadSnapshot.Begin(connection);
        var position = engine.ListPosition(connection, transaction);
        var columns = Columns.Read(connection, transaction, position);
        if (columns is null) logger.LogInformation("Directory list: its ids are too far apart to keep its columns; a searched list reads the people");
        Volatile.Write(ref _columns, columns);
        transaction.Commit();
    }

    private void StartReading()
    {
        lock (_gate)
        {
            if (_reading is not null || clock.GetUtcNow() < _nextRead) return;
            _reading = Task.Run(ReadInBackground);
        }
    }

    private void ReadInBackground()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            ReadNow();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException)
        {
            // The list keeps reading the people meanwhile; a host shutting down or a lost connection tries again later.
            logger.LogWarning("Directory list: its columns were not read ({Error})", ex.GetType().Name);
        }
        finally
        {
            lock (_gate)
            {
                var rest = watch.Elapsed * RestFactor;
                _nextRead = clock.GetUtcNow() + (rest > ShortestRest ? rest : ShortestRest);
                _reading = null;
            }
        }
    }

    private const long SparseAllowance = 65_536;

    /// <summary>
    /// Whether ids are close enough together for columns indexed by id: a directory whose ids ran far ahead of its
    /// people (a database's sequence after many failed imports) would cost memory for every unused id, so its list
    /// keeps reading the people.
    /// </summary>
    internal static bool Dense(long largestId, long people) => largestId <= 2 * people + SparseAllowance && largestId < int.MaxValue;

    // Each way of the search read in full, without the union's sort: the columns drop repeats by id themselves.
    private static IEnumerable<long> Matched(DbConnection connection, DbTransaction transaction, ListQuestion question)
    {
        var (scope, parameters) = CompatriotQueries.Scope(question.User);
        var sql = string.Join(" UNION ALL ", PersonSearch.MatchingWays(question.Search, scope, parameters));
        if (sql.Length == 0) yield break;
        // A reader's own values rather than a mapped row each: 85,000 ids for a common first name.
        using var reader = connection.ExecuteReader(sql, parameters, transaction);
        while (reader.Read()) yield return reader.GetInt64(0);
    }

    /// <summary>One read of the columns, immutable: a list answers from the one it took, whatever replaces it meanwhile.</summary>
    private sealed class Columns
    {
        private const int Absent = -1;

        private readonly int[] _place;
        private readonly ushort[] _gender;
        private readonly ushort[] _region;
        private readonly ushort[] _country;
        private readonly ushort[] _language;
        private readonly long[] _organization;
        private readonly Vocabulary _genders = new();
        private readonly Vocabulary _regions = new();
        private readonly Vocabulary _countries = new();
        private readonly Vocabulary _languages = new();

        private Columns(string position, long largestId)
        {
            Position = position;
            var size = checked((int)largestId + 1);
            _place = new int[size];
            Array.Fill(_place, Absent);
            _gender = new ushort[size];
            _region = new ushort[size];
            _country = new ushort[size];
            _language = new ushort[size];
            _organization = new long[size];
        }

        public string Position { get; }

        /// <summary>
        /// Two walks in one snapshot: the list's order from its own index alone (ix_compatriot_name, migration 0058), then
        /// the other columns in the table's order. One statement in the list's order reads each row through the index, a
        /// random lookup a person: 4 s at a million on SQLite.
        /// </summary>
        public static Columns? Read(DbConnection connection, DbTransaction transaction, string position)
        {
            var (largest, people) = connection.QuerySingle<(long?, long)>("SELECT MAX(id), COUNT(*) FROM directory_compatriot", transaction: transaction);
            if (!Dense(largest ?? 0, people)) return null;
            var columns = new Columns(position, largest ?? 0);
            var place = 0;
            Walk(connection, transaction, $"SELECT id FROM directory_compatriot ORDER BY {CompatriotQueries.ListOrder}",
                reader => columns._place[reader.GetInt64(0)] = place++);
            Walk(connection, transaction, "SELECT id, gender, home_region, country, language, organization_id FROM directory_compatriot",
                columns.Add);
            return columns;
        }

        private static void Walk(DbConnection connection, DbTransaction transaction, string sql, Action<DbDataReader> row)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = Db.BulkStatementSeconds;
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read()) row(reader);
        }

        private void Add(DbDataReader reader)
        {
            var id = (int)reader.GetInt64(0);
            _gender[id] = _genders.Code(Text(reader, 1));
            _region[id] = _regions.Code(Text(reader, 2));
            _country[id] = _countries.Code(Text(reader, 3));
            _language[id] = _languages.Code(Text(reader, 4));
            _organization[id] = reader.IsDBNull(5) ? 0 : reader.GetInt64(5);
        }

        private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

        public ListAnswer Answer(ListQuestion question, IEnumerable<long> matched)
        {
            var wanted = Wanted.Of(question, this);
            var seen = new BitArray(_place.Length);
            var byGender = new int[_genders.Count + 1];
            // The page's places: the lowest offset + limit of them, largest on top so each lower one replaces it.
            var keep = question.Offset + question.Limit;
            var lowest = new PriorityQueue<int, int>(keep + 1, Comparer<int>.Create((a, b) => b.CompareTo(a)));
            foreach (var id in matched)
            {
                if (id < 0 || id >= _place.Length || _place[id] == Absent || seen[(int)id]) continue;
                var i = (int)id;
                seen[i] = true;
                if (!wanted.Takes(this, i)) continue;
                byGender[_gender[i]]++;
                var place = _place[i];
                if (lowest.Count < keep) lowest.Enqueue(i, place);
                else if (keep > 0 && lowest.TryPeek(out _, out var highest) && place < highest) lowest.EnqueueDequeue(i, place);
            }
            var page = new List<(int Place, long Id)>(lowest.Count);
            while (lowest.TryDequeue(out var id, out var place)) page.Add((place, id));
            var ids = page.OrderBy(p => p.Place).Skip(question.Offset).Select(p => p.Id).ToList();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var code = 1; code < byGender.Length; code++)
                if (byGender[code] > 0) counts[_genders.Value(code)!] = byGender[code];
            return new ListAnswer(counts, ids);
        }

        /// <summary>The list's conditions beside the search, as codes: the caller's scope and the filters.</summary>
        private sealed record Wanted(AccessScope Scope, int Region, int Country, int Gender, int Language)
        {
            // A filter on a value nobody has: no code matches it.
            private const int Nobody = -1;
            private const int Any = 0;

            public static Wanted Of(ListQuestion question, Columns columns) => new(
                AccessScope.Of(question.User),
                Code(columns._regions, question.Region), Code(columns._countries, question.Country),
                Code(columns._genders, question.Gender), Code(columns._languages, question.Language));

            private static int Code(Vocabulary vocabulary, string? value) =>
                value is null ? Any : vocabulary.Find(value) is { } code ? code : Nobody;

            public bool Takes(Columns c, int i) =>
                Scope.Reaches(c._regions.Value(c._region[i]), c._organization[i] == 0 ? null : c._organization[i])
                && Matches(Region, c._region[i]) && Matches(Country, c._country[i])
                && Matches(Gender, c._gender[i]) && Matches(Language, c._language[i]);

            private static bool Matches(int wanted, ushort code) => wanted == Any || wanted == code;
        }
    }

    /// <summary>A column's values as small codes, 0 for none; the same value keeps one string for every person.</summary>
    private sealed class Vocabulary
    {
        private readonly Dictionary<string, ushort> _codes = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];

        public int Count => _values.Count;

        public ushort Code(string? value)
        {
            if (value is null) return 0;
            if (_codes.TryGetValue(value, out var code)) return code;
            if (_values.Count == ushort.MaxValue) throw new InvalidOperationException("A directory column has more values than the list's columns hold.");
            _values.Add(value);
            code = (ushort)_values.Count;
            _codes[value] = code;
            return code;
        }

        public ushort? Find(string value) => _codes.TryGetValue(value, out var code) ? code : null;

        public string? Value(int code) => code == 0 ? null : _values[code - 1];
    }
}

/// <summary>What a searched list asks: the search, the filters beside it, the caller (their scope) and the page.</summary>
internal sealed record ListQuestion(string Search, string? Region, string? Country, string? Gender, string? Language, CurrentUser User, int Offset, int Limit);
