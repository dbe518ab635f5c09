namespace CampaignEngine.Core.Reference;

/// <summary>Closed vocabularies shared by the directory, campaigns and reports.</summary>
public static class Vocabulary
{
    /// <summary>Gender as recorded; reports always show each separately.</summary>
    public static readonly IReadOnlyList<string> Genders = ["female", "male", "other", "unknown"];

    /// <summary>Age bands of the 2021 survey (under-18s were excluded).</summary>
    public static readonly IReadOnlyList<string> AgeBands = ["18-24", "25-29", "30-39", "40-49", "50-59", "60+"];

    /// <summary>Years-abroad bands of the survey.</summary>
    public static readonly IReadOnlyList<string> YearsAbroad = ["<1", "1-2", "3-5", "6-10", "10-15", ">15"];

    /// <summary>Willingness to contribute.</summary>
    public static readonly IReadOnlyList<string> Willingness = ["yes", "no", "unsure"];

    /// <summary>Channels a compatriot can consent to, in the default priority order (WhatsApp leads).</summary>
    public static readonly IReadOnlyList<string> Channels = ["whatsapp", "telegram", "sms", "email"];

    /// <summary>
    /// The directory field that holds a person's address on <paramref name="channel"/> ("phone", "telegram" or
    /// "email"; WhatsApp and SMS both reach the phone); null for an unknown channel. The one place this is decided.
    /// </summary>
    public static string? AddressField(string channel) => channel switch
    {
        "whatsapp" or "sms" => "phone",
        "telegram" => "telegram",
        "email" => "email",
        _ => null,
    };

    /// <summary>Contribution types offered besides money.</summary>
    public static readonly IReadOnlyList<string> ContributionTypes =
    [
        "training", "information_exchange", "consulting", "investment", "charity", "master_classes",
        "networking", "lectures", "job_creation", "in_kind",
    ];

    /// <summary>Sectors migrants want to contribute to.</summary>
    public static readonly IReadOnlyList<string> Sectors =
    [
        "tourism_and_services", "entrepreneurship_and_investment", "ict", "organic_agriculture", "online_trade",
        "construction", "trade", "garment_industry", "transport_and_communications", "energy", "green_energy",
        "mining", "financial_services", "healthcare", "education_and_science", "water_and_sanitation",
        "rural_infrastructure", "environmental_awareness", "emergency_preparedness",
        "women_and_youth_entrepreneurship", "charity_projects",
    ];

    /// <summary>The age band of someone born in <paramref name="birthYear"/>, in <paramref name="year"/>; "unknown" when not known.</summary>
    public static string AgeBandOf(int? birthYear, int year)
    {
        if (birthYear is null) return "unknown";
        var age = year - birthYear.Value;
        return age switch
        {
            < 18 => "unknown",
            < 25 => "18-24",
            < 30 => "25-29",
            < 40 => "30-39",
            < 50 => "40-49",
            < 60 => "50-59",
            _ => "60+",
        };
    }
}
