// The JSON value type lives in its own small target so JSONata and the engine can share it without SFNKit.
@_exported import SFNJSON
