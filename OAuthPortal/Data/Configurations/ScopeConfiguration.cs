using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class ScopeConfiguration : IEntityTypeConfiguration<Scope>
{
    public void Configure(EntityTypeBuilder<Scope> scope)
    {
        scope.Property(s => s.Name).HasMaxLength(Scope.MaxNameLength).IsUnicode(false).IsRequired();
        scope.Property(s => s.Description).HasMaxLength(Scope.MaxDescriptionLength).IsRequired();
        scope.HasIndex(s => s.Name).IsUnique();
    }
}
