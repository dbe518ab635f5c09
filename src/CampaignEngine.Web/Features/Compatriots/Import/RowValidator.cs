using System.Net.Mail;
using System.Text.RegularExpressions;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// Checks one import row field by field and reports every fault at once, so that whoever fixes the
/// spreadsheet fixes a row in one go.
/// </summary>
internal static partial class RowValidator
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 200;

    /// <summary>
    /// The validated compatriot, or null with the faults added to <paramref name="errors"/>. A column the file left out
    /// (<paramref name="absent"/>) reads as empty; a consent whose address is in such a column is checked by the writer,
    /// which knows what is stored.
    /// </summary>
    public static CompatriotInput? Validate(Func<string, string?> field, int row, int currentYear, List<ImportError> errors, AbsentColumns? absent = null)
    {
        var before = errors.Count;
        void Fail(string name, string problem, string message, params string[] values) =>
            errors.Add(new ImportError(row, name, message) { Problem = problem, Values = values });
        string? Text(string name)
        {
            var value = field(name)?.Trim();
            if (string.IsNullOrEmpty(value)) return null;
            if (value.Length > MaxTextLength) Fail(name, "tooLong", $"is longer than {MaxTextLength} characters", Number(MaxTextLength));
            return value;
        }

        var externalId = Text("external_id");
        if (externalId is null) Fail("external_id", "externalIdRequired", "is required: re-imports match rows by it");

        var fullName = Regex.Replace(field("full_name")?.Trim() ?? "", @"\s+", " ");
        if (fullName.Length == 0) Fail("full_name", "required", "is required");
        else if (fullName.Length > MaxNameLength) Fail("full_name", "tooLong", $"is longer than {MaxNameLength} characters", Number(MaxNameLength));

        var rawGender = field("gender");
        var gender = GenderParser.Parse(rawGender);
        if (gender is null) Fail("gender", "gender", $"'{rawGender?.Trim()}' is not a gender: use female, male, other or unknown (ж/м, аял/эркек also work)", rawGender?.Trim() ?? "");

        int? birthYear = null;
        var rawYear = field("birth_year")?.Trim();
        if (!string.IsNullOrEmpty(rawYear))
        {
            if (int.TryParse(rawYear, out var year) && year >= 1920 && year <= currentYear - 16) birthYear = year;
            else Fail("birth_year", "birthYear", $"'{rawYear}' is not a plausible birth year (1920–{currentYear - 16})", rawYear, Number(currentYear - 16));
        }

        string? homeRegion = null;
        var rawRegion = field("home_region")?.Trim();
        if (!string.IsNullOrEmpty(rawRegion))
        {
            homeRegion = Regions.Find(rawRegion)?.Code;
            if (homeRegion is null) Fail("home_region", "region", $"'{rawRegion}' is not a region: use an ISO 3166-2 code (KG-Y) or an id (issyk-kul)", rawRegion);
        }

        var rawCountry = field("country")?.Trim();
        var country = Countries.Find(rawCountry)?.Iso2;
        if (string.IsNullOrEmpty(rawCountry)) Fail("country", "countryRequired", "is required (ISO 3166-1 alpha-2, e.g. RU)");
        else if (country is null) Fail("country", "country", $"'{rawCountry}' is not a known host country code (ISO 3166-1 alpha-2, e.g. RU, KZ, AE)", rawCountry);

        var rawLanguage = field("language")?.Trim().ToLowerInvariant();
        // An empty language falls back to Kyrgyz, the first language of every template's fallback order.
        var language = string.IsNullOrEmpty(rawLanguage) ? Languages.All[0] : rawLanguage;
        if (!Languages.IsKnown(language)) Fail("language", "language", $"'{rawLanguage}' is not a language: use ky, ru or en", rawLanguage ?? "");

        var yearsAbroad = OneOf(field("years_abroad"), Vocabulary.YearsAbroad, "years_abroad", Fail);
        var willing = OneOf(field("willing")?.ToLowerInvariant(), Vocabulary.Willingness, "willing", Fail);
        var interests = ListOf(field("interests"), Vocabulary.ContributionTypes, "interests", Fail);
        var sectors = ListOf(field("sectors"), Vocabulary.Sectors, "sectors", Fail);
        var channels = ListOf(field("channels"), Vocabulary.Channels, "channels", Fail);

        var email = Text("email");
        if (email is not null && !IsEmail(email)) Fail("email", "email", $"'{email}' is not an e-mail address", email);

        var rawPhone = field("phone")?.Trim();
        string? phone = null;
        if (!string.IsNullOrEmpty(rawPhone))
        {
            phone = PhoneNormalizer.Normalize(rawPhone, country);
            if (phone is null) Fail("phone", "phone", $"'{rawPhone}' is not a valid phone number for {country ?? "the host country"} or Kyrgyzstan", rawPhone, country ?? "");
        }

        var telegram = NormalizeTelegram(field("telegram"));
        if (telegram == "") Fail("telegram", "telegram", $"'{field("telegram")?.Trim()}' is not a Telegram username (5–32 letters, digits or _)", field("telegram")?.Trim() ?? "");

        // Only a missing address is reported here; an invalid one has been reported on its own field.
        var addresses = new Addresses(email, telegram, string.IsNullOrEmpty(rawPhone) ? null : rawPhone);
        errors.AddRange(ConsentFaults(row, channels.Where(c => absent?.Contains(Vocabulary.AddressField(c)!) != true), addresses));

        if (errors.Count > before) return null;
        var city = Text("city");
        return new CompatriotInput(
            externalId!, fullName, gender!, birthYear, homeRegion, Text("district"), Text("village"), country!, city,
            Cities.TimeZoneFor(country!, city), language, yearsAbroad, willing, interests, sectors, Text("organization"),
            email?.ToLowerInvariant(), phone, telegram, channels);
    }

    /// <summary>Where a person can be reached: each may be null.</summary>
    internal readonly record struct Addresses(string? Email, string? Telegram, string? Phone);

    /// <summary>A fault for each of <paramref name="channels"/> consented to without the address it needs.</summary>
    internal static IEnumerable<ImportError> ConsentFaults(int row, IEnumerable<string> channels, Addresses addresses)
    {
        foreach (var channel in channels)
        {
            var (address, what, problem) = Vocabulary.AddressField(channel) switch
            {
                "email" => (addresses.Email, "an e-mail address", "Email"),
                "telegram" => (addresses.Telegram, "a Telegram username", "Telegram"),
                _ => (addresses.Phone, "a phone number", "Phone"),
            };
            if (address is not null) continue;
            yield return new ImportError(row, "channels", $"consent to {channel} needs {what}") { Problem = "consentNeeds" + problem, Values = [channel] };
        }
    }

    private delegate void Failure(string name, string problem, string message, params string[] values);

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? OneOf(string? raw, IReadOnlyList<string> allowed, string name, Failure fail)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (allowed.Contains(value)) return value;
        fail(name, "oneOf", $"'{value}' is not one of {string.Join(", ", allowed)}", value, string.Join(", ", allowed));
        return null;
    }

    private static IReadOnlyList<string> ListOf(string? raw, IReadOnlyList<string> allowed, string name, Failure fail)
    {
        if (string.IsNullOrWhiteSpace(raw)) return [];
        var items = raw.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(i => i.ToLowerInvariant()).Distinct().ToList();
        var unknown = items.Where(i => !allowed.Contains(i)).ToList();
        if (unknown.Count > 0)
            fail(name, "listOf", $"unknown value(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; allowed: {string.Join(", ", allowed)}",
                string.Join(", ", unknown), string.Join(", ", allowed));
        // Keep the vocabulary's order so that the same set is always stored the same way.
        return allowed.Where(items.Contains).ToList();
    }

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && EmailDomain().IsMatch(address.Host);

    /// <summary>"@name" for a valid username, null for none, "" for an invalid one.</summary>
    public static string? NormalizeTelegram(string? raw)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.StartsWith("https://t.me/", StringComparison.OrdinalIgnoreCase)) value = value["https://t.me/".Length..];
        value = value.TrimStart('@');
        return TelegramUser().IsMatch(value) ? "@" + value : "";
    }

    [GeneratedRegex(@"^[^.\s]+(\.[^.\s]+)*\.[A-Za-z]{2,}$")]
    private static partial Regex EmailDomain();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{4,31}$")]
    private static partial Regex TelegramUser();
}
