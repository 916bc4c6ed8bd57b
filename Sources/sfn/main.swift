import SFNKit
print(SFNVersion.version)
