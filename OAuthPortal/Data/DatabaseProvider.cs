namespace OAuthPortal.Data;

public enum DatabaseProvider
{
    /// <summary>Embedded default: a file under App_Data, so <c>dotnet run</c> works on a fresh machine.</summary>
    Sqlite,

    /// <summary>The production provider.</summary>
    SqlServer,
}
