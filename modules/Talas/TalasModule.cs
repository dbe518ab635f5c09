using CampaignEngine.Core.Modules;

namespace CampaignEngine.Modules.Talas;

/// <summary>Talas natives have their largest shares in Canada and Malaysia.</summary>
public sealed class TalasModule : ICampaignModule
{
    public ModuleManifest Manifest { get; } = new(
        Id: "talas",
        Name: new("Талас", "Талас", "Talas"),
        Regions: ["KG-T"],
        Countries: ["CA", "MY"],
        Languages: ["ky", "ru", "en"],
        Issuer: new(
            Name: new("Талас облусунун администрациясы", "Администрация Таласской области", "Talas Regional Administration"),
            SignatoryTitle: new("Талас облусундагы Президенттин ыйгарым укуктуу өкүлү",
                "Полномочный представитель Президента в Таласской области",
                "Plenipotentiary Representative of the President in the Talas Region"),
            SignatoryName: "Т. М. Сыдыков",
            SerialPrefix: "TL"),
        Templates: ["appeal", "reminder", "thank-you", "certificate"],
        Sectors: ["organic_agriculture", "entrepreneurship_and_investment", "healthcare"]);
}
