using System.Data.Common;
using System.Globalization;
using CampaignEngine.Web.Infrastructure.Database;

namespace CampaignEngine.Web.Features.Reports;

/// <summary>
/// The live pledges' report columns, one array per column (dimension values as small codes, money in whole cents),
/// slots ordered by donor except those changed since the last sort. In donor order a donor's pledges are neighbours, so
/// a group counts a donor once by remembering the last donor run it counted; the few unsorted slots are checked against
/// the pairs (group, donor) their donors formed in the sorted part. One pass over a million slots gives every figure of
/// the detail query, exactly; what it cannot reproduce exactly it refuses (null) and the detail query answers.
/// </summary>
internal sealed class PledgeColumnData
{
    /// <summary>Dimensions in the order of <see cref="_dimensions"/>.</summary>
    private static readonly string[] DimensionNames =
        ["gender", "country", "ageBand", "homeRegion", "kind", "contributionType", "sector", "campaignId", "month", "status", "project"];

    // The detail query groups these three by COALESCE(column, 'unknown'): a missing value and 'unknown' are one group.
    private static readonly HashSet<string> UnknownWhenMissing = ["homeRegion", "contributionType", "sector"];

    private const int Gender = 0, Country = 1, AgeBand = 2, HomeRegion = 3, Kind = 4, ContributionType = 5, Sector = 6, Campaign = 7, Month = 8, Status = 9, Project = 10;
    private const int MaxGroups = 1 << 20;
    private const int MaxId = 1 << 28;

    private readonly CodeColumn[] _dimensions = DimensionNames.Select((_, i) => new CodeColumn(wide: i is Campaign or Project)).ToArray();
    private int[] _slotOfId = [];
    private int[] _id = [];
    private int[] _donor = [];
    private bool[] _live = [];
    private long[] _createdMs = [];
    private long[] _usdCents = [];
    private long[] _kgsCents = [];
    private long[] _fulfilledUsdCents = [];
    private long[] _hours = [];
    // Times not in the product's own shape (DapperSetup.UtcFormat), compared as text like SQLite does.
    private readonly Dictionary<int, string> _oddCreated = [];
    private int _count;
    private int _sorted;
    private int _dead;
    private int _inexact;
    private bool _unusable;

    /// <summary>Whether enough slots are out of donor order, or dead, that sorting again pays.</summary>
    public bool NeedsSorting => _count - _sorted > 4096 + _sorted / 8 || _dead > 4096 + _count / 4;

    /// <summary>Adds the pledge in the reader's row (columns as <see cref="PledgeColumns.Columns"/>, from <paramref name="first"/>) if it is live.</summary>
    public void Add(DbDataReader reader, int first = 0)
    {
        var id = reader.GetInt64(first);
        if (reader.GetValue(first + 2) is not string status || status is "cancelled" or "written_off") return;
        if (id is < 0 or >= MaxId || reader.GetValue(first + 1) is not long donor || donor is < int.MinValue or > int.MaxValue)
        {
            _unusable = true;
            return;
        }
        var slot = NewSlot((int)id);
        _donor[slot] = (int)donor;
        var createdAt = reader.GetValue(first + 12) as string ?? "";
        _createdMs[slot] = CanonicalMs(createdAt) ?? Odd(slot, createdAt);
        Code(slot, Status, status);
        Code(slot, Campaign, Value(reader, first + 3));
        Code(slot, Project, Value(reader, first + 4));
        for (var (column, dimension) = (first + 5, Gender); dimension <= Sector; column++, dimension++)
            Code(slot, dimension, Value(reader, column));
        Code(slot, Month, Substring7(createdAt));
        var exact = Cents(Value(reader, first + 13), out _usdCents[slot]) & Cents(Value(reader, first + 14), out _kgsCents[slot])
            & Cents(Value(reader, first + 15), out _fulfilledUsdCents[slot]) & WholeHours(Value(reader, first + 16), out _hours[slot]);
        if (exact) return;
        _inexact++;
        _usdCents[slot] = long.MinValue;
    }

    /// <summary>Takes the pledge out, if held (a change re-adds it as it is now).</summary>
    public void Remove(long id)
    {
        if (id < 0 || id >= _slotOfId.Length || _slotOfId[id] is var slot && slot < 0) return;
        _slotOfId[id] = -1;
        _live[slot] = false;
        _dead++;
        if (!IsExact(slot)) _inexact--;
    }

    /// <summary>Puts the live slots in donor order (then pledge id), dropping dead ones.</summary>
    public PledgeColumnData SortedByDonor()
    {
        var keys = new long[_count - _dead];
        var n = 0;
        for (var slot = 0; slot < _count; slot++)
            if (_live[slot]) keys[n++] = ((long)_donor[slot] << 32) | (uint)_id[slot];
        Array.Sort(keys);
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = _slotOfId[(int)keys[i]];
        Gather(order);
        return this;
    }

    /// <summary>The detail query's rows for <paramref name="query"/> seen by a user narrowed to <paramref name="scopeRegion"/> (null: everyone's); null when not exact.</summary>
    public IReadOnlyList<IDictionary<string, object?>>? Report(PledgeReport.Query query, string? scopeRegion)
    {
        if (_unusable || _inexact > 0 || query.By.Distinct().Count() != query.By.Count) return null;
        var by = query.By.Select(d => Array.IndexOf(DimensionNames, d)).ToArray();
        if (by.Any(d => d < 0)) return null;
        var groups = by.Select(d => GroupsOf(d, DimensionNames[d])).ToArray();
        var size = groups.Aggregate(1L, (product, g) => product * Math.Max(1, g.Values.Count));
        if (size > MaxGroups) return null;
        var sums = new Sums((int)size);
        if (Filter.From(query, scopeRegion, _dimensions) is { } filter)
            Scan(filter, by.Select(d => _dimensions[d]).ToArray(), groups, sums);
        return Rows(query.By, groups, sums);
    }

    private void Scan(Filter filter, CodeColumn[] columns, Groups[] groups, Sums sums)
    {
        var fulfilled = _dimensions[Status].Find("fulfilled");
        var deltaDonors = new HashSet<int>();
        for (var slot = _sorted; slot < _count; slot++)
            if (_live[slot]) deltaDonors.Add(_donor[slot]);
        var seenPairs = new HashSet<long>();
        var run = 0;
        var previous = 0;
        var inDelta = false;
        for (var slot = 0; slot < _count; slot++)
        {
            if (!_live[slot]) continue;
            var donor = _donor[slot];
            var sorted = slot < _sorted;
            if (sorted && (run == 0 || donor != previous))
            {
                run++;
                previous = donor;
                inDelta = deltaDonors.Contains(donor);
            }
            if (!filter.Matches(this, slot)) continue;
            var group = 0;
            for (var d = 0; d < columns.Length; d++)
                group = group * groups[d].Values.Count + groups[d].OfCode[columns[d][slot]];
            sums.Add(group, _usdCents[slot], _kgsCents[slot], _fulfilledUsdCents[slot], _hours[slot], _dimensions[Status][slot] == fulfilled);
            var pair = ((long)group << 32) | (uint)donor;
            if (sorted)
            {
                if (sums.LastRun[group] == run) continue;
                sums.LastRun[group] = run;
                sums.Donors[group]++;
                if (inDelta) seenPairs.Add(pair);
            }
            else if (seenPairs.Add(pair))
            {
                sums.Donors[group]++;
            }
        }
    }

    private static List<IDictionary<string, object?>> Rows(IReadOnlyList<string> by, Groups[] groups, Sums sums)
    {
        var rows = new List<IDictionary<string, object?>>();
        for (var group = 0; group < sums.Count.Length; group++)
        {
            // Without a dimension the detail query gives one row even when nothing matches (SUM of nothing is NULL).
            if (sums.Count[group] == 0 && by.Count > 0) continue;
            var row = new Dictionary<string, object?>();
            var rest = group;
            for (var d = by.Count - 1; d >= 0; d--)
            {
                row[by[d]] = groups[d].Values[rest % groups[d].Values.Count];
                rest /= groups[d].Values.Count;
            }
            var ordered = by.ToDictionary(d => d, d => row[d]);
            ordered["count"] = sums.Count[group];
            ordered["donors"] = sums.Donors[group];
            ordered["amountUsd"] = Money(sums.UsdCents[group]);
            ordered["amountKgs"] = Money(sums.KgsCents[group]);
            ordered["fulfilledUsd"] = Money(sums.FulfilledUsdCents[group]);
            ordered["hours"] = sums.Hours[group];
            ordered["fulfilled"] = sums.Count[group] == 0 ? null : sums.Fulfilled[group];
            rows.Add(ordered);
        }
        return rows;
    }

    /// <summary>ROUND(SUM(x), 2) of amounts in whole cents: the sum printed with two decimals and read back, as SQLite does.</summary>
    private static double Money(long cents) => double.Parse((cents / 100m).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// A dimension's groups in the detail query's ORDER BY order, and each stored code's group: codes are assigned in
    /// that order, so groups numbered in mixed radix over the dimensions come out already sorted.
    /// </summary>
    private Groups GroupsOf(int dimension, string name)
    {
        var column = _dimensions[dimension];
        var values = column.Values.Select(v => v is null && UnknownWhenMissing.Contains(name) ? "unknown" : v).ToList();
        var distinct = values.Distinct().Order(SqliteOrder.Instance).ToList();
        var index = distinct.Select((v, i) => (v, i)).ToDictionary(x => CodeColumn.Key(x.v), x => x.i);
        return new Groups(distinct, values.Select(v => index[CodeColumn.Key(v)]).ToArray());
    }

    private int NewSlot(int id)
    {
        if (_count == _id.Length) Grow(Math.Max(1024, _count * 2));
        if (id >= _slotOfId.Length)
        {
            var old = _slotOfId.Length;
            Array.Resize(ref _slotOfId, Math.Max(id + 1, old * 2));
            Array.Fill(_slotOfId, -1, old, _slotOfId.Length - old);
        }
        if (_slotOfId[id] >= 0) Remove(id);
        var slot = _count++;
        _slotOfId[id] = slot;
        _id[slot] = id;
        _live[slot] = true;
        return slot;
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref _id, capacity);
        Array.Resize(ref _donor, capacity);
        Array.Resize(ref _live, capacity);
        Array.Resize(ref _createdMs, capacity);
        Array.Resize(ref _usdCents, capacity);
        Array.Resize(ref _kgsCents, capacity);
        Array.Resize(ref _fulfilledUsdCents, capacity);
        Array.Resize(ref _hours, capacity);
        foreach (var column in _dimensions) column.Grow(capacity);
    }

    private void Gather(int[] order)
    {
        var inexact = order.Count(slot => !IsExact(slot));
        _id = order.Select(s => _id[s]).ToArray();
        _donor = order.Select(s => _donor[s]).ToArray();
        _createdMs = order.Select(s => _createdMs[s]).ToArray();
        _usdCents = order.Select(s => _usdCents[s]).ToArray();
        _kgsCents = order.Select(s => _kgsCents[s]).ToArray();
        _fulfilledUsdCents = order.Select(s => _fulfilledUsdCents[s]).ToArray();
        _hours = order.Select(s => _hours[s]).ToArray();
        var odd = order.Select((s, i) => (s, i)).Where(x => _oddCreated.ContainsKey(x.s)).ToDictionary(x => x.i, x => _oddCreated[x.s]);
        _oddCreated.Clear();
        foreach (var (slot, text) in odd) _oddCreated[slot] = text;
        foreach (var column in _dimensions) column.Gather(order);
        _live = new bool[order.Length];
        Array.Fill(_live, true);
        Array.Fill(_slotOfId, -1);
        for (var slot = 0; slot < order.Length; slot++) _slotOfId[_id[slot]] = slot;
        _count = _sorted = order.Length;
        _dead = 0;
        _inexact = inexact;
    }

    private bool IsExact(int slot) => _usdCents[slot] != long.MinValue;

    private void Code(int slot, int dimension, object? value)
    {
        if (!_dimensions[dimension].Set(slot, value)) _unusable = true;
    }

    private long Odd(int slot, string createdAt)
    {
        _oddCreated[slot] = createdAt;
        return long.MinValue;
    }

    private static object? Value(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);

    /// <summary>substr(created_at, 1, 7): the first seven characters (code points, as SQLite counts them).</summary>
    private static string Substring7(string text)
    {
        var end = 0;
        for (var n = 0; n < 7 && end < text.Length; n++) end += char.IsSurrogatePair(text, end) ? 2 : 1;
        return text[..end];
    }

    /// <summary>Milliseconds of a time written in the product's shape, which orders as its text does; null for any other text.</summary>
    internal static long? CanonicalMs(string text) =>
        text.Length == DapperSetup.UtcFormat.Length - 4
        && DateTime.TryParseExact(text, DapperSetup.UtcFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
        && at.ToString(DapperSetup.UtcFormat, CultureInfo.InvariantCulture) == text
            ? at.Ticks / TimeSpan.TicksPerMillisecond
            : null;

    // Whole cents, as migration 0020's totals count them; long.MinValue marks a value only the detail query sums exactly.
    private static bool Cents(object? value, out long cents)
    {
        cents = value switch
        {
            null => 0,
            long whole when Math.Abs(whole) < 1L << 50 => whole * 100,
            double real when Math.Abs(real) < 1e13 && Math.Abs(real * 100 - Math.Round(real * 100)) <= 1e-6 => (long)Math.Round(real * 100),
            // PostgreSQL's numeric: exact, so whole cents are whole cents.
            decimal exact when Math.Abs(exact) < 1e13m && exact * 100 == decimal.Truncate(exact * 100) => (long)(exact * 100),
            _ => long.MinValue,
        };
        return cents != long.MinValue;
    }

    private static bool WholeHours(object? value, out long hours)
    {
        // A whole numeric (PostgreSQL) is whole hours; its detail query reports such sums as integers too.
        hours = value switch { null => 0, long whole => whole, decimal exact when exact == decimal.Truncate(exact) && Math.Abs(exact) < 1e15m => (long)exact, _ => 0 };
        return value is null or long || (value is decimal d && d == decimal.Truncate(d) && Math.Abs(d) < 1e15m);
    }

    private sealed record Groups(List<object?> Values, int[] OfCode);

    /// <summary>Which slots the query's filters and the user's scope keep; built from codes, so a row is tested with integers.</summary>
    private sealed class Filter
    {
        private const int Any = -2;
        private int _campaign = Any, _region = Any, _country = Any;
        private long? _fromMs, _toMs;
        private string? _fromText, _toText;

        public static Filter? From(PledgeReport.Query query, string? scopeRegion, CodeColumn[] dimensions)
        {
            if (query.HomeRegion is not null && scopeRegion is not null && query.HomeRegion != scopeRegion) return null;
            var filter = new Filter();
            // A value no pledge holds matches nothing (Find gives -1, which no slot's code equals).
            if (query.CampaignId is { } campaign) filter._campaign = dimensions[Campaign].Find(campaign);
            if ((query.HomeRegion ?? scopeRegion) is { } region) filter._region = dimensions[HomeRegion].Find(region);
            if (query.Country is { } country) filter._country = dimensions[Country].Find(country);
            if (query.From is { } from) (filter._fromText, filter._fromMs) = (from.ToDb(), CanonicalMs(from.ToDb()));
            if (query.To is { } to) (filter._toText, filter._toMs) = (to.ToDb(), CanonicalMs(to.ToDb()));
            return filter;
        }

        public bool Matches(PledgeColumnData data, int slot)
        {
            if (_campaign != Any && data._dimensions[Campaign][slot] != _campaign) return false;
            if (_region != Any && data._dimensions[HomeRegion][slot] != _region) return false;
            if (_country != Any && data._dimensions[Country][slot] != _country) return false;
            if (_fromText is null && _toText is null) return true;
            var at = data._createdMs[slot];
            if (at == long.MinValue) return Within(data._oddCreated[slot]);
            return (_fromMs is not { } from || at >= from) && (_toMs is not { } to || at < to);
        }

        // created_at >= @from AND created_at < @to, compared as SQLite compares text (the bounds are ASCII, so UTF-16
        // ordinal order is UTF-8 byte order here).
        private bool Within(string text) =>
            (_fromText is null || string.CompareOrdinal(text, _fromText) >= 0) && (_toText is null || string.CompareOrdinal(text, _toText) < 0);
    }

    /// <summary>The figures per group, and per group the last donor run counted.</summary>
    private sealed class Sums(int size)
    {
        public long[] Count { get; } = new long[size];
        public long[] Donors { get; } = new long[size];
        public long[] UsdCents { get; } = new long[size];
        public long[] KgsCents { get; } = new long[size];
        public long[] FulfilledUsdCents { get; } = new long[size];
        public long[] Hours { get; } = new long[size];
        public long[] Fulfilled { get; } = new long[size];
        public int[] LastRun { get; } = new int[size];

        public void Add(int group, long usd, long kgs, long fulfilledUsd, long hours, bool fulfilled)
        {
            Count[group]++;
            UsdCents[group] += usd;
            KgsCents[group] += kgs;
            FulfilledUsdCents[group] += fulfilledUsd;
            Hours[group] += hours;
            if (fulfilled) Fulfilled[group]++;
        }
    }

    /// <summary>One dimension's values as codes (two bytes a slot, four for campaigns and projects).</summary>
    private sealed class CodeColumn(bool wide)
    {
        private static readonly object Missing = new();
        private readonly Dictionary<object, int> _codes = [];
        private ushort[] _narrow = [];
        private int[] _wide = [];

        /// <summary>The distinct values ever held, by code.</summary>
        public List<object?> Values { get; } = [];

        public int this[int slot] => wide ? _wide[slot] : _narrow[slot];

        public static object Key(object? value) => value ?? Missing;

        public int Find(object value) => _codes.GetValueOrDefault(value, -1);

        /// <summary>Stores the value's code; false when the column has no room for one more distinct value.</summary>
        public bool Set(int slot, object? value)
        {
            if (!_codes.TryGetValue(Key(value), out var code))
            {
                if (!wide && Values.Count > ushort.MaxValue) return false;
                _codes[Key(value)] = code = Values.Count;
                Values.Add(value);
            }
            if (wide) _wide[slot] = code;
            else _narrow[slot] = (ushort)code;
            return true;
        }

        public void Grow(int capacity)
        {
            if (wide) Array.Resize(ref _wide, capacity);
            else Array.Resize(ref _narrow, capacity);
        }

        public void Gather(int[] order)
        {
            if (wide) _wide = order.Select(s => _wide[s]).ToArray();
            else _narrow = order.Select(s => _narrow[s]).ToArray();
        }
    }

    /// <summary>SQLite's ORDER BY for one column: NULL, then numbers, then text in UTF-8 byte order, then the rest.</summary>
    private sealed class SqliteOrder : IComparer<object?>
    {
        public static readonly SqliteOrder Instance = new();

        public int Compare(object? x, object? y)
        {
            var (rx, ry) = (Rank(x), Rank(y));
            if (rx != ry) return rx.CompareTo(ry);
            return x switch
            {
                long a when y is long b => a.CompareTo(b),
                long or double => Convert.ToDouble(x, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(y, CultureInfo.InvariantCulture)),
                string a => System.Text.Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes((string)y!)),
                _ => 0,
            };
        }

        private static int Rank(object? value) => value switch { null => 0, long or double => 1, string => 2, _ => 3 };
    }
}
