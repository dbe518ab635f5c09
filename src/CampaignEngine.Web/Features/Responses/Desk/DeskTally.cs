using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// Adds groups of threads up into the desk's figures, per module and per assignee, in all and per gender, in one pass,
/// with an exact median wait (to the minute) for each figure.
/// <para>
/// 90 days of a busy desk are some 17,000 stored groups carrying 135,000 waits, nearly one per answered thread, so the
/// cost is what is done per wait. Each wait is kept twice, as it is read: in its module's and its assignee's part for its
/// gender (a fifth part holds groups of no known gender, which count in the totals only), as a minute appended to the
/// part's list and a thread added to the part's count per hour. A figure is one part (a gender) or the union of a key's
/// parts (the total): its counts per hour, summed, tell which one or two hours hold the middle ranks, and only the waits
/// of those hours are sorted, found by one sequential scan of the parts' lists.
/// </para>
/// <para>
/// The loops are compiled optimised at once (<see cref="MethodImplOptions.AggressiveOptimization"/>): the figures are
/// asked for a few times a day, too seldom for the runtime's tiering to optimise them, and unoptimised they took twice
/// as long.
/// </para>
/// </summary>
internal sealed class DeskTally
{
    private static readonly byte[][] GenderIds = [.. Vocabulary.Genders.Select(Encoding.UTF8.GetBytes)];
    private readonly Dictionary<string, KeyParts> _modules = new(StringComparer.Ordinal);
    private readonly List<(byte[] Id, KeyParts Parts)> _moduleIds = [];
    private readonly Dictionary<long, KeyParts> _assignees = [];

    /// <summary>
    /// A stored group: its module, assignee (0: nobody), gender and counts, and its waits as the triggers write them, a
    /// JSON object of minutes → threads; the texts in UTF-8, as SQLite holds them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<byte> moduleId, long assigneeId, ReadOnlySpan<byte> gender, long received, long answered, long withinSla, ReadOnlySpan<byte> waits)
    {
        var slot = GenderSlot(gender);
        AddWaits(waits, ModuleParts(moduleId).Count(slot, received, answered, withinSla), Parts(_assignees, assigneeId).Count(slot, received, answered, withinSla));
    }

    /// <summary>The same stored group as PostgreSQL's driver reads it: the texts as .NET strings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(string moduleId, long assigneeId, string gender, long received, long answered, long withinSla, ReadOnlySpan<char> waits)
    {
        var slot = GenderSlot(gender);
        AddWaits(waits, ModuleParts(moduleId).Count(slot, received, answered, withinSla), Parts(_assignees, assigneeId).Count(slot, received, answered, withinSla));
    }

    /// <summary>A group whose threads all waited the same <paramref name="wait"/> minutes (−1: none was answered).</summary>
    public void Add(string moduleId, long assigneeId, string gender, long received, long answered, long withinSla, int wait)
    {
        var slot = GenderSlot(gender);
        var modulePart = ModuleParts(moduleId).Count(slot, received, answered, withinSla);
        var assigneePart = Parts(_assignees, assigneeId).Count(slot, received, answered, withinSla);
        if (wait < 0) return;
        modulePart.AddWait(wait, answered);
        assigneePart.AddWait(wait, answered);
    }

    /// <summary>
    /// Adds a group's waits to its module's and its assignee's part. Hand-read rather than through a JSON reader: the text
    /// is ours (<c>{"minutes":threads,…}</c>, numbers never negative), and this loop runs once per answered thread; one
    /// loop for UTF-8 bytes and for .NET's characters, whose digits have the same codes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddWaits<TChar>(ReadOnlySpan<TChar> waits, Part modulePart, Part assigneePart) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        long minutes = -1, number = -1;
        foreach (var c in waits)
        {
            var digit = uint.CreateTruncating(c) - '0';
            if (digit <= 9)
            {
                number = (number < 0 ? 0 : number * 10) + digit;
                continue;
            }
            if (number < 0) continue;
            if (minutes < 0) minutes = number;
            else
            {
                modulePart.AddWait((int)minutes, number);
                assigneePart.AddWait((int)minutes, number);
                minutes = -1;
            }
            number = -1;
        }
    }

    public IEnumerable<DeskStatsGroup<string>> Modules => _modules.Select(m => m.Value.Group(m.Key));

    /// <summary>Keyed by the assignee's user id; null for threads nobody was assigned.</summary>
    public IEnumerable<DeskStatsGroup<long?>> Assignees => _assignees.Select(a => a.Value.Group(a.Key == 0 ? (long?)null : a.Key));

    public IEnumerable<long> AssigneeIds => _assignees.Keys.Where(id => id != 0);

    /// <summary>The module's parts, found by its id's bytes: a handful of modules, so a scan beats hashing.</summary>
    private KeyParts ModuleParts(ReadOnlySpan<byte> moduleId)
    {
        foreach (var (id, known) in _moduleIds)
            if (moduleId.SequenceEqual(id)) return known;
        return Added(Encoding.UTF8.GetString(moduleId));
    }

    private KeyParts ModuleParts(string moduleId) => _modules.TryGetValue(moduleId, out var known) ? known : Added(moduleId);

    private KeyParts Added(string moduleId)
    {
        var parts = new KeyParts();
        _modules.Add(moduleId, parts);
        _moduleIds.Add((Encoding.UTF8.GetBytes(moduleId), parts));
        return parts;
    }

    private static KeyParts Parts<TKey>(Dictionary<TKey, KeyParts> parts, TKey key) where TKey : notnull
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(parts, key, out _);
        return slot ??= new KeyParts();
    }

    /// <summary>The gender's index in <see cref="Vocabulary.Genders"/>; one past the last for a gender not in it.</summary>
    private static int GenderSlot(ReadOnlySpan<byte> gender)
    {
        for (var i = 0; i < GenderIds.Length; i++)
            if (gender.SequenceEqual(GenderIds[i])) return i;
        return GenderIds.Length;
    }

    private static int GenderSlot(string gender)
    {
        for (var i = 0; i < Vocabulary.Genders.Count; i++)
            if (string.Equals(gender, Vocabulary.Genders[i], StringComparison.Ordinal)) return i;
        return Vocabulary.Genders.Count;
    }

    /// <summary>One module's or assignee's parts, one per gender and one for groups of no known gender.</summary>
    private sealed class KeyParts
    {
        private readonly Part[] _parts = [.. Enumerable.Range(0, Vocabulary.Genders.Count + 1).Select(_ => new Part())];

        public Part Count(int slot, long received, long answered, long withinSla)
        {
            var part = _parts[slot];
            part.Count(received, answered, withinSla);
            return part;
        }

        public DeskStatsGroup<TKey> Group<TKey>(TKey key) =>
            new(key, Part.Figures(_parts),
                Vocabulary.Genders.Select((gender, i) => (gender, i)).ToDictionary(g => g.gender, g => Part.Figures(_parts.AsSpan(g.i, 1)), StringComparer.Ordinal));
    }

    /// <summary>Counts added up, every wait in minutes as read, and how many threads waited in each hour.</summary>
    private sealed class Part
    {
        private readonly List<int> _minutes = [];
        private long[] _hours = new long[64];
        private long _received, _answered, _withinSla, _waited;

        public void Count(long received, long answered, long withinSla) =>
            (_received, _answered, _withinSla) = (_received + received, _answered + answered, _withinSla + withinSla);

        /// <summary>A wait of <paramref name="threads"/> threads, kept once per thread so that ranks are positions.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddWait(int minutes, long threads)
        {
            var hour = minutes / 60;
            if (hour >= _hours.Length) Array.Resize(ref _hours, Math.Max(hour + 1, _hours.Length * 2));
            _hours[hour] += threads;
            _waited += threads;
            for (var i = 0L; i < threads; i++) _minutes.Add(minutes);
        }

        /// <summary>The figures of the parts together: a gender's one part, or all of a key's.</summary>
        public static DeskFigures Figures(ReadOnlySpan<Part> parts)
        {
            long received = 0, answered = 0, withinSla = 0;
            foreach (var part in parts) (received, answered, withinSla) = (received + part._received, answered + part._answered, withinSla + part._withinSla);
            return new(received, answered, MedianHours(parts), received == 0 ? 0 : Math.Round((double)withinSla / received, 3));
        }

        /// <summary>The middle wait (the mean of the two middle ones for an even count), in hours to a tenth.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static double? MedianHours(ReadOnlySpan<Part> parts)
        {
            long waited = 0;
            foreach (var part in parts) waited += part._waited;
            if (waited == 0) return null;
            var (lowerRank, upperRank) = ((waited - 1) / 2, waited / 2);
            // The hours holding the two middle ranks, and how many waits come before the first of them.
            int lowerHour = -1, upperHour = -1;
            long seen = 0, before = 0;
            for (var hour = 0; upperHour < 0; hour++)
            {
                long inHour = 0;
                foreach (var part in parts) inHour += hour < part._hours.Length ? part._hours[hour] : 0;
                if (lowerHour < 0 && seen + inHour > lowerRank) (lowerHour, before) = (hour, seen);
                if (seen + inHour > upperRank) upperHour = hour;
                seen += inHour;
            }
            // The hours between them hold no wait, so one range check finds the middle waits.
            var (from, width) = ((uint)lowerHour * 60, (uint)(upperHour - lowerHour + 1) * 60);
            var middle = new List<int>();
            foreach (var part in parts)
                foreach (var minutes in CollectionsMarshal.AsSpan(part._minutes))
                    if ((uint)minutes - from < width) middle.Add(minutes);
            middle.Sort();
            var low = middle[(int)(lowerRank - before)];
            var high = middle[(int)(upperRank - before)];
            return Math.Round((low + high) / 2.0 / 60, 1);
        }
    }
}
