using CampaignEngine.Core.Modules;

namespace CampaignEngine.Modules.JalalAbad;

/// <summary>Jalal-Abad natives cluster in Austria.</summary>
public sealed class JalalAbadModule : ICampaignModule
{
    public ModuleManifest Manifest { get; } = new(
        Id: "jalal-abad",
        Name: new("Жалал-Абад", "Джалал-Абад", "Jalal-Abad"),
        Regions: ["KG-J"],
        Countries: ["AT"],
        Languages: ["ky", "ru", "en"],
        Issuer: new(
            Name: new("Жалал-Абад облусунун администрациясы", "Администрация Джалал-Абадской области", "Jalal-Abad Regional Administration"),
            SignatoryTitle: new("Жалал-Абад облусундагы Президенттин ыйгарым укуктуу өкүлү",
                "Полномочный представитель Президента в Джалал-Абадской области",
                "Plenipotentiary Representative of the President in the Jalal-Abad Region"),
            SignatoryName: "Ж. С. Осмонов",
            SerialPrefix: "JA"),
        Templates: ["appeal", "reminder", "thank-you", "certificate"],
        Sectors: ["green_energy", "healthcare", "rural_infrastructure"]);
}
