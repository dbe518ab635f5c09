using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// The columns an import file left out. A partner's spreadsheet carries the columns it has, and a correction may carry
/// only the ones it corrects: for a person already in the directory a column left out keeps what is stored; for a new
/// person it is empty, as an empty cell is. A file must still carry <see cref="CompatriotColumns.Required"/>.
/// </summary>
internal sealed class AbsentColumns
{
    public static readonly AbsentColumns None = new([]);

    private static readonly string[] Addresses = ["email", "phone", "telegram"];

    private readonly HashSet<string> _names;

    public AbsentColumns(IEnumerable<string> names) => _names = names.ToHashSet(StringComparer.Ordinal);

    public bool Any => _names.Count > 0;

    public bool Contains(string column) => _names.Contains(column);

    /// <summary>
    /// Whether a channel's address may be in a column the file left out, so that only the person as written can say
    /// whether their consent reaches them (<see cref="RowValidator.ConsentFaults"/>).
    /// </summary>
    public bool HideAnAddress => Addresses.Any(_names.Contains);

    /// <summary>The row as written: each column the file left out taken from <paramref name="stored"/> (null: a new person).</summary>
    public CompatriotInput Completed(CompatriotInput given, CompatriotInput? stored)
    {
        if (stored is null || !Any) return given;
        var input = given;
        foreach (var column in _names)
            input = column switch
            {
                "gender" => input with { Gender = stored.Gender },
                "birth_year" => input with { BirthYear = stored.BirthYear },
                "home_region" => input with { HomeRegion = stored.HomeRegion },
                "district" => input with { District = stored.District },
                "village" => input with { Village = stored.Village },
                "city" => input with { City = stored.City },
                "language" => input with { Language = stored.Language },
                "years_abroad" => input with { YearsAbroad = stored.YearsAbroad },
                "willing" => input with { Willing = stored.Willing },
                "interests" => input with { Interests = stored.Interests },
                "sectors" => input with { Sectors = stored.Sectors },
                // The organisation is stored as its id: the writer keeps the stored id (CompatriotWriter.OrganizationOf).
                "organization" => input,
                "email" => input with { Email = stored.Email },
                "phone" => input with { Phone = stored.Phone },
                "telegram" => input with { Telegram = stored.Telegram },
                "channels" => input with { Channels = stored.Channels },
                _ => throw new InvalidOperationException($"The column '{column}' may not be left out."),
            };
        // The time zone follows the country and city, whichever of them the file carried.
        return input with { TimeZone = Cities.TimeZoneFor(input.Country, input.City) };
    }
}
