namespace OAuthPortal.Identity;

/// <summary>The names a user gives in Manage your account (OpenID Connect <c>name</c>, <c>given_name</c>, <c>family_name</c>); each optional.</summary>
public sealed record ProfileNames(string? Name, string? GivenName, string? FamilyName);
